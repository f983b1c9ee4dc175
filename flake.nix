{
  description = "secretsd: installs sops secrets at boot and keeps them current; a drop-in for sops-nix";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "x86_64-darwin"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (pkgs: rec {
        secretsd = pkgs.callPackage ./nix/package.nix { };
        default = secretsd;
      });

      # Each sets sops.package to secretsd, whose bin/sops-install-secrets sops-nix then runs, and runs
      # the daemon on sops-nix's manifest. Import next to sops-nix's module; enable with
      # services.secretsd.enable = true.
      nixosModules.default = ./nix/nixos.nix;
      darwinModules.default = ./nix/darwin.nix;
      homeManagerModules.default = ./nix/home-manager.nix;
    };
}
