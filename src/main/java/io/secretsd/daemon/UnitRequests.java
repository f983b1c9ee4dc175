package io.secretsd.daemon;

import io.secretsd.activation.ActivationResult;
import io.secretsd.activation.Outcome;
import io.secretsd.manifest.Manifest;
import io.secretsd.manifest.Secret;
import io.secretsd.manifest.Template;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The units to restart and reload after one activation: those of every secret and template whose content
 * changed. A unit asked for both is only restarted, and each unit is named once per change set.
 */
record UnitRequests(Set<String> restart, Set<String> reload) {
    static UnitRequests of(Manifest m, ActivationResult r) {
        Set<String> restart = new LinkedHashSet<>();
        Set<String> reload = new LinkedHashSet<>();
        for (Outcome o : r.outcomes()) {
            if (o.change() == Outcome.Change.NONE || o.failed()) continue;
            List<String> rs;
            List<String> rl;
            if (o.template()) {
                Template t = m.templates().stream().filter(x -> x.name().equals(o.name())).findFirst().orElse(null);
                if (t == null) continue;
                rs = t.restartUnits();
                rl = t.reloadUnits();
            } else {
                Secret s = m.secrets().stream().filter(x -> x.name().equals(o.name())).findFirst().orElse(null);
                if (s == null) continue;
                rs = s.restartUnits();
                rl = s.reloadUnits();
            }
            restart.addAll(rs);
            reload.addAll(rl);
        }
        reload.removeAll(restart);
        return new UnitRequests(Set.copyOf(restart), Set.copyOf(reload));
    }

    boolean isEmpty() {
        return restart.isEmpty() && reload.isEmpty();
    }
}
