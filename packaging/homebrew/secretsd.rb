# Homebrew formula for secretsd on macOS (and Linuxbrew): the portable distribution, which carries no
# Java runtime of its own, run by Homebrew's JDK 25. `mvn -B verify` builds the archive
# (target/secretsd-VERSION-portable.tar.gz) and this formula with its version and sha256 filled in
# (target/secretsd.rb); publish the archive where url says (homepage and url are to be set for a tap).
class Secretsd < Formula
  desc "Installs sops-nix secrets and keeps them current as their inputs change"
  homepage "https://github.com/secretsd/secretsd"
  url "https://github.com/secretsd/secretsd/releases/download/v@VERSION@/secretsd-@VERSION@-portable.tar.gz"
  version "@VERSION@"
  sha256 "@SHA256@"

  depends_on "openjdk@25"

  def install
    libexec.install Dir["*"]
    # The launchers look for a JDK 25 themselves; JAVA_HOME points them at Homebrew's unless the user set one.
    %w[secretsd secretsctl].each do |cmd|
      (bin/cmd).write_env_script libexec/"bin"/cmd, Language::Java.overridable_java_home_env("25")
    end
    (etc/"secretsd").mkpath
  end

  # Homebrew gives a formula one service: `brew services start secretsd` loads it as the user's LaunchAgent
  # (gui/<uid>, a userMode manifest), `sudo brew services start secretsd` as a LaunchDaemon (system domain,
  # the RAM disk at the manifest's secretsMountPoint). The same files as launchd/*.plist otherwise.
  service do
    run [opt_bin/"secretsd", "run", "--manifest", etc/"secretsd/manifest.json"]
    keep_alive crashed: true
    run_type :immediate
    process_type :background
    log_path var/"log/secretsd.log"
    error_log_path var/"log/secretsd.log"
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/secretsd --version")
    (testpath/"m.json").write '{"secrets":[],"secretsMountPoint":"/run/secrets.d","symlinkPath":"/run/secrets"}'
    system bin/"secretsctl", "check", testpath/"m.json"
  end
end
