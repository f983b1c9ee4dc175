# secretsd built from this source tree with nixpkgs' Maven support. The first build stops with the hash of
# the Maven dependencies it fetched ("got: sha256-…"): put it in mvnHash.
{
  lib,
  maven,
  writeText,
  makeWrapper,
  coreutils,
  jdk25_headless ? null,
  jdk25 ? null,
}:
let
  jdk = if jdk25_headless != null then jdk25_headless else jdk25;
  # The pom selects a JDK 25 toolchain (maven-toolchains-plugin), whatever JDK Maven itself runs on.
  toolchains = writeText "secretsd-toolchains.xml" ''
    <?xml version="1.0" encoding="UTF-8"?>
    <toolchains>
      <toolchain>
        <type>jdk</type>
        <provides><version>25</version></provides>
        <configuration><jdkHome>${jdk.home}</jdkHome></configuration>
      </toolchain>
    </toolchains>
  '';
in
maven.buildMavenPackage {
  pname = "secretsd";
  version = "0.1.0";
  src = lib.cleanSource ./..;
  mvnHash = lib.fakeHash;
  mvnParameters = "-DskipTests -t ${toolchains}";
  nativeBuildInputs = [ makeWrapper ];

  # The build trains the AOT caches by running secretsd; they only load under the same JDK.
  preBuild = ''
    export JAVA_HOME=${jdk.home}
  '';

  installPhase = ''
    runHook preInstall
    mkdir -p $out/share/secretsd $out/bin
    cp -r target/dist/. $out/share/secretsd/
    # bin/secretsd, bin/secretsctl and bin/sops-install-secrets (sops-nix's entry point): the launchers
    # find their lib/ through their own path, so wrap them where they are.
    for f in $out/share/secretsd/bin/*; do
      makeWrapper "$f" "$out/bin/$(basename "$f")" --set-default JAVA_HOME ${jdk.home}
    done
    install -Dm644 -t $out/lib/systemd/system systemd/secretsd.service systemd/secretsd.socket
    install -Dm644 -t $out/lib/systemd/user systemd/user/secretsd.service
    for unit in $out/lib/systemd/system/secretsd.service $out/lib/systemd/user/secretsd.service; do
      substituteInPlace "$unit" \
        --replace-fail /usr/bin/secretsd $out/bin/secretsd \
        --replace-fail /bin/kill ${coreutils}/bin/kill
    done
    runHook postInstall
  '';

  meta = {
    description = "Installs sops secrets at boot and keeps them current; a drop-in for sops-nix's sops-install-secrets";
    mainProgram = "secretsd";
    platforms = lib.platforms.linux ++ lib.platforms.darwin;
  };
}
