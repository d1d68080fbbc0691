package io.zonedeck;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import io.zonedeck.agent.AgentMain;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One artifact, two roles: without arguments (or with Spring arguments) the portal; with {@code agent ...}
 * a node agent that loads neither Spring nor Vaadin.
 */
@SpringBootApplication
@EnableScheduling
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
@Push
@Theme("zonedeck")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("agent")) {
            AgentMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(Application.class, args);
    }
}
