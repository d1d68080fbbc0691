package io.zonedeck.api;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.zonedeck.agent.api.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of /api/v1 (springdoc, {@code /v3/api-docs}), linted with Redocly's recommended rules in the
 * build (ApiDocumentIT): both ways to authenticate, the error shape of every 4xx answer, and a summary for every
 * operation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {
    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String ERROR = "ApiError";

    /** Tags springdoc derives from controllers without a {@code @Tag}, with what they hold. */
    private static final Map<String, String> TAG_DESCRIPTIONS = Map.of(
            "catalog-controller", "Packages (machine sizes) and images",
            "networks-controller", "Networks, their address ranges and owners",
            "failover-controller", "VRRP failover pairs of two machines",
            "nodes-controller", "Compute nodes and their agents (operators)",
            "jobs-controller", "Jobs: the progress and result of every change to a machine",
            "metrics-controller", "Live metrics of a machine and analytics across machines",
            "audit-controller", "The audit log (JSON or CSV)",
            "usage-controller", "Metered usage per tenant and machine (JSON or CSV)");

    @Bean
    OpenAPI zoneDeckApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("ZoneDeck REST API")
                        .version("v1")
                        .description("The portal's own API. Every error is JSON {code, message, errors[]}, each"
                                + " error naming its field; request bodies follow one strict JSON policy (decision"
                                + " 011): unknown properties, duplicate keys and values of the wrong type are 400.")
                        .license(new License()
                                .name("Proprietary")
                                .url("https://github.com/zonedeck/zonedeck/blob/main/README.md")))
                // relative: the document is right wherever the portal is served (behind a proxy, on any port)
                .servers(List.of(new Server().url("/").description("This portal")))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A user name and password (may be switched off per"
                                                + " deployment; throttled)"))
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("zonedeck-token")
                                        .description("A personal access token: Authorization: Bearer <token>")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** An operation without a summary gets one from its handler's name ("register" of nodes: "Register a node"). */
    @Bean
    OperationCustomizer summaries() {
        return (operation, handler) -> {
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                operation.setSummary(summaryOf(
                        handler.getMethod().getName(), handler.getBeanType().getSimpleName()));
            }
            return operation;
        };
    }

    /** "list" of NodesController → "List nodes"; "health" → "Health of a node". */
    static String summaryOf(String method, String controller) {
        String thing = controller.replace("Controller", "").toLowerCase(java.util.Locale.ROOT);
        String one = thing.endsWith("s") ? thing.substring(0, thing.length() - 1) : thing;
        String words = method.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return switch (words) {
            case "list" -> "List " + thing;
            case "get" -> "One " + one;
            case "create", "register" -> Character.toUpperCase(words.charAt(0)) + words.substring(1) + " a " + one;
            case "delete" -> "Delete a " + one;
            default -> Character.toUpperCase(words.charAt(0)) + words.substring(1) + " (" + one + ")";
        };
    }

    /**
     * The error schema, the 4xx answers every operation may give with it, and descriptions for tags springdoc
     * derives.
     */
    @Bean
    OpenApiCustomizer errorsAndTags() {
        return api -> {
            ResolvedSchema error =
                    ModelConverters.getInstance().resolveAsResolvedSchema(new AnnotatedType(ApiError.class));
            Components components = api.getComponents();
            Map<String, Schema> schemas =
                    new TreeMap<>(components.getSchemas() == null ? Map.of() : components.getSchemas());
            schemas.putAll(error.referencedSchemas);
            schemas.put(ERROR, error.schema.description("An error: a code, a message and the fields at fault"));
            components.setSchemas(new LinkedHashMap<>(schemas));
            Set<String> used = new java.util.TreeSet<>();
            if (api.getPaths() != null) {
                api.getPaths()
                        .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                            addErrors(path, method, op);
                            if (op.getTags() != null) {
                                used.addAll(op.getTags());
                            }
                        }));
            }
            Map<String, Tag> tags = new TreeMap<>();
            if (api.getTags() != null) {
                api.getTags().forEach(t -> tags.put(t.getName(), t));
            }
            for (String name : used) {
                Tag t = tags.computeIfAbsent(name, n -> new Tag().name(n));
                if (t.getDescription() == null || t.getDescription().isBlank()) {
                    t.setDescription(TAG_DESCRIPTIONS.getOrDefault(name, "Operations on " + name.replace('-', ' ')));
                }
            }
            api.setTags(List.copyOf(tags.values()));
        };
    }

    private static void addErrors(String path, PathItem.HttpMethod method, Operation op) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        boolean changes = method != PathItem.HttpMethod.GET;
        put(
                responses,
                "400",
                "The request is malformed: a parameter or the body (not JSON, unknown or duplicate"
                        + " property, wrong type); each error names its field");
        put(responses, "401", "Not signed in: send HTTP Basic credentials or a bearer token");
        put(responses, "403", "Your role may not do this");
        if (path.contains("{")) {
            put(responses, "404", "No such resource, or one of another tenant (answered alike)");
        }
        if (changes) {
            put(responses, "409", "Conflicts with the current state (duplicate, in use, busy)");
            put(responses, "422", "Valid JSON, but a field breaks a rule; each error names its field");
        }
        op.setResponses(responses);
    }

    private static void put(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            "application/json",
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + ERROR)))));
        }
    }
}
