package io.secretsd.daemon;

import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Outcome;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The units to restart and reload after one activation: those of every secret and template whose content
 * changed. A unit asked for both is only restarted, and each unit is named once per change set.
 */
record UnitRequests(Set<String> restart, Set<String> reload) {
    static UnitRequests of(Manifest m, ActivationResult r) {
        Map<String, Secret> secrets = new HashMap<>();
        m.secrets().forEach(s -> secrets.put(s.name(), s));
        Map<String, Template> templates = new HashMap<>();
        m.templates().forEach(t -> templates.put(t.name(), t));
        Set<String> restart = new LinkedHashSet<>();
        Set<String> reload = new LinkedHashSet<>();
        for (Outcome o : r.outcomes()) {
            if (o.change() == Outcome.Change.NONE || o.failed()) continue;
            if (o.template()) {
                Template t = templates.get(o.name());
                if (t == null) continue;
                restart.addAll(t.restartUnits());
                reload.addAll(t.reloadUnits());
            } else {
                Secret s = secrets.get(o.name());
                if (s == null) continue;
                restart.addAll(s.restartUnits());
                reload.addAll(s.reloadUnits());
            }
        }
        reload.removeAll(restart);
        return new UnitRequests(Set.copyOf(restart), Set.copyOf(reload));
    }

    boolean isEmpty() {
        return restart.isEmpty() && reload.isEmpty();
    }
}
