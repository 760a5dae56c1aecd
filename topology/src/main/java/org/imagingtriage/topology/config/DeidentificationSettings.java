package org.imagingtriage.topology.config;

import java.util.Locale;
import java.util.Objects;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy.IdentityRemovedPolicy;
import org.imagingtriage.topology.imaging.deid.DeidentificationPolicy.UnassertedPolicy;

/**
 * The de-identification gate's two operator choices; its dictionaries stay the code's defaults
 * (a list of identifying attributes in a properties file would be too easy to shorten by mistake).
 *
 * @param unasserted events whose feed does not assert de-identification: {@code reject} or {@code allow}
 * @param identityRemoved DICOM headers whose PatientIdentityRemoved is not YES: {@code require_yes}
 *     or {@code ignore}
 */
public record DeidentificationSettings(UnassertedPolicy unasserted, IdentityRemovedPolicy identityRemoved) {

    public DeidentificationSettings {
        Objects.requireNonNull(unasserted, ConfigKeys.DEIDENTIFICATION_UNASSERTED);
        Objects.requireNonNull(identityRemoved, ConfigKeys.DEIDENTIFICATION_IDENTITY_REMOVED);
    }

    public static DeidentificationSettings defaults() {
        DeidentificationPolicy policy = DeidentificationPolicy.defaults();
        return new DeidentificationSettings(policy.unasserted(), policy.identityRemoved());
    }

    public static DeidentificationSettings from(ConfigValues values) {
        DeidentificationSettings defaults = defaults();
        return new DeidentificationSettings(
                values.choice(ConfigKeys.DEIDENTIFICATION_UNASSERTED, defaults.unasserted(),
                        DeidentificationSettings::configValue),
                values.choice(ConfigKeys.DEIDENTIFICATION_IDENTITY_REMOVED, defaults.identityRemoved(),
                        DeidentificationSettings::configValue));
    }

    /** The gate's default policy with these choices. */
    public DeidentificationPolicy policy() {
        return DeidentificationPolicy.defaults().withUnasserted(unasserted).withIdentityRemoved(identityRemoved);
    }

    /** How the properties file spells a choice: {@code require_yes} for REQUIRE_YES. */
    static String configValue(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }
}
