package org.openaccess.partner.coldstart.bench;

import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the handler benchmarks (the handlers' own work per warm request, stores' wires in memory) and keeps JMH's
 * JSON beside the build: {@code ./mvnw -B -pl infra/coldstart -am -Pbench verify -DskipTests}.
 */
public final class HandlerBenchmarks {

    private HandlerBenchmarks() {}

    public static void main(String[] args) throws RunnerException {
        Path results = Path.of(args.length > 0 ? args[0] : "target/handler-benchmarks.json");
        Options options = new OptionsBuilder()
                .include(HandlerBenchmarks.class.getPackageName() + ".*Benchmark")
                .resultFormat(ResultFormatType.JSON)
                .result(results.toString())
                .build();
        new Runner(options).run();
    }
}
