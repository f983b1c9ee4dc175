# NixOS: sops-nix's own configuration, with secretsd doing the work. sops-nix still builds the manifest
# and runs sops-install-secrets at activation (secretsd's, through sops.package); secretsd.service then
# keeps the same secrets current and restarts the units of changed ones over D-Bus.
#
#   imports = [ sops-nix.nixosModules.sops secretsd.nixosModules.default ];
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
    extraArgs = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
      example = [ "--status-group" "wheel" ];
      description = "More arguments for `secretsd run`.";
    };
  };

  config = lib.mkIf cfg.enable {
    sops.package = cfg.package;
    sops.validationPackage = cfg.package;
    environment.systemPackages = [ cfg.package ];

    # The unit files of the package (Type=notify, Before=sysinit.target, PrivateMounts=no and the
    # hardening), with NixOS's paths in a drop-in.
    systemd.packages = [ cfg.package ];
    systemd.sockets.secretsd = {
      overrideStrategy = "asDropin";
      wantedBy = [ "sockets.target" ];
    };
    systemd.services.secretsd = {
      overrideStrategy = "asDropin";
      # READY=1 comes once the first generation is installed, and the unit is ordered
      # Before=sysinit.target: every service with default dependencies starts after its secrets exist.
      wantedBy = [ "sysinit.target" ];
      after = [
        "systemd-sysusers.service"
        "userborn.service"
      ] ++ lib.optional sops.useSystemdActivation "sops-install-secrets.service";
      unitConfig.RequiresMountsFor = lib.concatLists [
        (lib.optional (sops.gnupg.home != null) sops.gnupg.home)
        sops.gnupg.sshKeyPaths
        (lib.optional (sops.age.keyFile != null) sops.age.keyFile)
        sops.age.sshKeyPaths
      ];
      environment = sops.environment;
      path = sops.age.plugins;
      serviceConfig.ExecStart = [
        ""
        (lib.escapeShellArgs (
          [
            "${cfg.package}/bin/secretsd"
            "run"
            "--manifest"
            "${config.system.build.sops-nix-manifest}"
          ]
          ++ cfg.extraArgs
        ))
      ];
    };
  };
}
