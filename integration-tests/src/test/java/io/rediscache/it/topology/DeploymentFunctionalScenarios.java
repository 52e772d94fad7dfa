package io.rediscache.it.topology;

import java.util.List;
import java.util.function.Supplier;

import io.rediscache.it.harness.ForkedJvm;

/** The functional suite on a {@link Deployment} (with its passwords), started for the test class and closed after it. */
public abstract class DeploymentFunctionalScenarios extends FunctionalScenarios {

    private final Supplier<Deployment> starter;
    private Deployment deployment;

    protected DeploymentFunctionalScenarios(Supplier<Deployment> starter) {
        this.starter = starter;
    }

    @Override
    protected final void start() {
        deployment = starter.get();
    }

    @Override
    protected final ForkedJvm pointAt(ForkedJvm jvm) {
        return deployment.agentSettings(jvm);
    }

    @Override
    protected final List<String> secrets() {
        return deployment.secrets();
    }

    @Override
    protected final void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }
}
