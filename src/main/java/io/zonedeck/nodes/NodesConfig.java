package io.zonedeck.nodes;

import io.zonedeck.nodes.internal.CredentialCipher;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NodesConfig {
    /** Node credentials at rest: the key from ZONEDECK_NODES_CREDENTIAL_KEY, or the key file (made when absent). */
    @Bean
    CredentialCipher nodeCredentialCipher(NodesProperties props) {
        return CredentialCipher.fromSettings(props.credentialKey(), Path.of(props.credentialKeyFile()));
    }
}
