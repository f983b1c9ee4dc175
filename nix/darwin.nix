# nix-darwin: sops-nix's configuration, with secretsd as a LaunchDaemon keeping the secrets current.
# sops-nix still runs sops-install-secrets (secretsd's, through sops.package) at activation.
#
#   imports = [ sops-nix.darwinModules.sops secretsd.darwinModules.default ];
#   services.secretsd.enable = true;
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.services.secretsd;
in
{
  options.services.secretsd = {
    enable = lib.mkEnableOption "secretsd, which installs sops-nix's secrets and keeps them current";
    package = lib.mkOption {
      type = lib.types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = lib.literalExpression "pkgs.callPackage ./package.nix { }";
      description = "The secretsd package; its bin/sops-install-secrets becomes sops-nix's.";
    };
    logFile = lib.mkOption {
      type = lib.types.str;
      default = "/var/log/secretsd.log";
      description = "Where the daemon's log goes.";
    };
  };

  config = lib.mkIf cfg.enable {
    sops.package = cfg.package;
    sops.validationPackage = cfg.package;
    environment.systemPackages = [ cfg.package ];

    launchd.daemons.secretsd.serviceConfig = {
      # As launchd/io.secretsd.secretsd.plist: the socket in /var/run, which plain macOS has.
      ProgramArguments = [
        "${cfg.package}/bin/secretsd"
        "run"
        "--manifest"
        "${config.system.build.sops-nix-manifest}"
        "--socket"
        "/var/run/secretsd/io.secretsd.Manager"
      ];
      EnvironmentVariables = config.sops.environment;
      RunAtLoad = true;
      KeepAlive = true;
      ThrottleInterval = 5;
      StandardOutPath = cfg.logFile;
      StandardErrorPath = cfg.logFile;
    };
  };
}
