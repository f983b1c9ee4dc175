package io.secretsd.systemd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restarts and reloads the units that use changed secrets: systemd over D-Bus, launchd through
 * launchctl. One change set is one {@link #apply} call: each unit gets at most one request, a restart
 * when it is in both sets, and the call returns when every request has a result.
 */
public interface UnitNotifier extends AutoCloseable {

    /** Restarts {@code restart} and reloads {@code reload} minus {@code restart}; one result per unit, in name order. */
    List<UnitResult> apply(Set<String> restart, Set<String> reload);

    default List<UnitResult> restart(Set<String> units) {
        return apply(units, Set.of());
    }

    default List<UnitResult> reload(Set<String> units) {
        return apply(Set.of(), units);
    }

    @Override
    void close();

    /** The one action per unit of a change set, in unit name order: restart wins over reload. */
    static Map<String, UnitAction> plan(Set<String> restart, Set<String> reload) {
        Map<String, UnitAction> plan = new LinkedHashMap<>();
        TreeSet<String> all = new TreeSet<>(restart);
        all.addAll(reload);
        for (String unit : all) {
            plan.put(unit, restart.contains(unit) ? UnitAction.RESTART : UnitAction.RELOAD);
        }
        return plan;
    }
}
