package org.imagingtriage.topology.config;

/** Whether the pipeline may create its topics or only checks them. */
public enum ProvisioningMode {
    /** Create missing topics (falling back to checking when the principal may not), check existing ones. */
    CREATE("create"),
    /** Never create: where a platform team owns topics, report what is missing or different. */
    CHECK("check");

    private final String configValue;

    ProvisioningMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    @Override
    public String toString() {
        return configValue;
    }
}
