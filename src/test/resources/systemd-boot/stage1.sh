#!/bin/sh
# In a new mount namespace (still the machine's cgroup namespace, where the kernel allows a new cgroup v1
# hierarchy to be created): a tmpfs over /sys/fs/cgroup and a new, empty named hierarchy (name=secretsdtest)
# where systemd looks for its own (it does not check the name). The machine's hierarchies are not mounted
# here, so nothing below can reach them. Then the PID, cgroup, UTS, IPC and network namespaces.
set -eu
T="$1"
mount --make-rprivate /
mount -t tmpfs -o mode=0755 tmpfs /sys/fs/cgroup
mkdir /sys/fs/cgroup/systemd
mount -t cgroup -o none,name=secretsdtest cgroup /sys/fs/cgroup/systemd
exec unshare --pid --cgroup --uts --ipc --net --fork --mount-proc "$T/inner.sh" "$T"
