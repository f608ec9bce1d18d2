package org.openaccess.partner.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HttpApi route of the template ("GET /link") and the handler instance serving it.
 * Paths may hold {@code {name}} and a final greedy {@code {name+}} parameter, as API Gateway allows.
 */
public record HttpRoute(
        String method,
        String path,
        String functionName,
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
        Duration timeout) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)(\\+?)}");

    public String routeKey() {
        return method + " " + path;
    }

    /** The path parameters if this route serves {@code requestMethod} on {@code requestPath}. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!"ANY".equalsIgnoreCase(method) && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        List<String> names = new java.util.ArrayList<>();
        Matcher matcher = compile(names).matcher(requestPath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), matcher.group(i + 1));
        }
        return Optional.of(parameters);
    }

    private Pattern compile(List<String> names) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(last, parameter.start())));
            names.add(parameter.group(1));
            regex.append(parameter.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            last = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
