package io.zonedeck.agent.driver.sim;

import io.zonedeck.agent.driver.Driver;
import io.zonedeck.agent.driver.DriverContract;
import io.zonedeck.agent.driver.NodeResources;
import io.zonedeck.agent.driver.Sleeper;
import java.time.Clock;

/** The shared driver contract over the simulator. */
class SimDriverContractTest extends DriverContract {
    @Override
    protected Driver openDriver() {
        return new SimDriver(
                7,
                new NodeResources("contract-sim", 8, 32_768, 500, SimDriver.BRANDS),
                Clock.systemUTC(),
                Sleeper.NONE,
                SimSettings.instant("10.88.7"));
    }
}
