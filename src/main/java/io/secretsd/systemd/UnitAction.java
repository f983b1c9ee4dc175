package io.secretsd.systemd;

/** What a changed secret asks of a unit that uses it (restartUnits / reloadUnits in the manifest). */
public enum UnitAction {
    RESTART,
    RELOAD
}
