package io.secretsd.systemd;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * The part of org.freedesktop.systemd1.Manager (org.freedesktop.systemd1(5)) that secretsd calls. Member
 * names are the D-Bus names, hence the capitals.
 */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface SystemdManager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";

    /** Asks systemd to send signals (JobRemoved) to this client. */
    void Subscribe();

    /** Restarts the unit if it is running; returns the job's object path. */
    DBusPath TryRestartUnit(String name, String mode);

    /** Reloads the unit if it supports reloading, else restarts it if running; returns the job's path. */
    DBusPath ReloadOrTryRestartUnit(String name, String mode);

    /** Emitted when a job finishes: signature "uoss" (id, job path, unit, result). */
    final class JobRemoved extends DBusSignal {
        private final UInt32 id;
        private final DBusPath job;
        private final String unit;
        private final String result;

        public JobRemoved(String path, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
            super(path, id, job, unit, result);
            this.id = id;
            this.job = job;
            this.unit = unit;
            this.result = result;
        }

        public UInt32 getId() {
            return id;
        }

        public DBusPath getJob() {
            return job;
        }

        public String getUnit() {
            return unit;
        }

        public String getResult() {
            return result;
        }
    }
}
