#!/bin/sh
# Runs as PID 1 of new PID, mount, cgroup, UTS, IPC and network namespaces (unshare --fork); prepares a
# private /run, the units, then becomes systemd (booting boot.target only). Everything mounted here
# is private to this mount namespace.
set -eu
T="$1"
mount --make-rprivate /
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/lock
# the units under test, in place of the machine's /etc/systemd/system (its own units stay unread)
mount --bind "$T/etc-systemd-system" /etc/systemd/system
# nothing may write to the machine's disk except the test folder
mount --bind "$T" "$T"
mount -o remount,bind,ro /
mount -o remount,bind,rw "$T"
exec env -i container=secretsd-test SECRETSD_TEST_ROOT="$T" PATH=/usr/sbin:/usr/bin:/sbin:/bin /lib/systemd/systemd --system --unit=boot.target \
    --log-target=console --log-level=info --show-status=no
