package io.zonedeck.agent.driver.smartos;

import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverContract;
import java.time.Clock;

/** The shared driver contract over {@link FakeSmartOs}: real output formats, no SmartOS host. */
class SmartOsDriverContractTest extends DriverContract {
    @Override
    protected Driver openDriver() throws Exception {
        return SmartOsDriver.open("contract-smartos", new FakeSmartOs(), Clock.systemUTC(), true);
    }
}
