package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Registers nothing per invocation. Micronaut's default registers the Lambda {@link Context}, its logger, client
 * context and identity as singletons on every request, and each registration purges the bean context's caches,
 * so the next bean lookups are resolved from scratch on every warm request (measured: docs/performance.md, "The
 * handler's own work per warm request").
 * No bean of ours injects the Lambda context: {@link HttpFunction} receives it as the handler's argument.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class NoLambdaContextBeans implements LambdaContextFactory {

    @Override
    public void registerSingletons(Context lambdaContext) {
        // Deliberately nothing: see the class comment.
    }
}
