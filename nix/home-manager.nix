# home-manager: sops-nix's user configuration, with secretsd keeping the user's secrets current: a
# systemd user service on Linux, a LaunchAgent on macOS. sops-nix's own sops-nix service still runs
# once (with secretsd's sops-install-secrets, through sops.package); secretsd starts after it.
#
#   imports = [ sops-nix.homeManagerModules.sops secretsd.homeManagerModules.default ];
#   services.secretsd.enable = true;
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.services.secretsd;
  sops = config.sops;
  # The manifest sops-nix's home-manager module writes (it keeps its own private): the same fields.
  manifest = pkgs.writeText "secretsd-manifest.json" (
    builtins.toJSON {
      secrets = builtins.attrValues sops.secrets;
      templates = builtins.attrValues sops.templates;
      secretsMountPoint = sops.defaultSecretsMountPoint;
      symlinkPath = sops.defaultSymlinkPath;
      keepGenerations = sops.keepGenerations;
      gnupgHome = sops.gnupg.home;
      sshKeyPaths = sops.gnupg.sshKeyPaths;
      ageKeyFile = sops.age.keyFile;
      ageSshKeyPaths = sops.age.sshKeyPaths;
      placeholderBySecretName = sops.placeholder;
      userMode = true;
      logging = {
        keyImport = builtins.elem "keyImport" sops.log;
        secretChanges = builtins.elem "secretChanges" sops.log;
      };
    }
  );
  run = "${cfg.package}/bin/secretsd run --manifest ${manifest}";
in
{
  options.services.secretsd = {
    enable = lib.mkEnableOption "secretsd, which installs this user's sops-nix secrets and keeps them current";
    package = lib.mkOption {
      type = lib.types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = lib.literalExpression "pkgs.callPackage ./package.nix { }";
      description = "The secretsd package; its bin/sops-install-secrets becomes sops-nix's.";
    };
  };

  config = lib.mkIf cfg.enable {
    sops.package = cfg.package;
    home.packages = [ cfg.package ];

    # As systemd/user/secretsd.service. $XDG_RUNTIME_DIR is %r and holds the control socket, where
    # `secretsctl status` finds it.
    systemd.user.services.secretsd = lib.mkIf pkgs.stdenv.hostPlatform.isLinux {
      Unit = {
        Description = "secretsd secrets activation daemon (user)";
        After = [ "sops-nix.service" ];
      };
      Service = {
        Type = "notify";
        NotifyAccess = "main";
        ExecStart = run;
        ExecReload = "${pkgs.coreutils}/bin/kill -HUP $MAINPID";
        Environment = lib.mapAttrsToList (name: value: "${name}=${value}") sops.environment;
        Restart = "on-failure";
        SuccessExitStatus = 143;
        PrivateMounts = "no";
        UMask = "0077";
      };
      Install.WantedBy = [ "default.target" ];
    };

    # As launchd/io.secretsd.agent.plist: %r and the control socket in the per-user temporary folder.
    launchd.agents.secretsd = lib.mkIf pkgs.stdenv.hostPlatform.isDarwin {
      enable = true;
      config = {
        ProgramArguments = [
          "/bin/sh"
          "-c"
          ''t="$(/usr/bin/getconf DARWIN_USER_TEMP_DIR)" && export XDG_RUNTIME_DIR="''${XDG_RUNTIME_DIR:-''${t%/}}" && exec ${run}''
        ];
        EnvironmentVariables = sops.environment;
        RunAtLoad = true;
        KeepAlive = {
          Crashed = true;
          SuccessfulExit = false;
        };
        ProcessType = "Background";
        ThrottleInterval = 5;
        StandardErrorPath = "${config.home.homeDirectory}/Library/Logs/secretsd/secretsd.log";
      };
    };
  };
}
