package io.packwatch.simulators.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.packwatch.core.VendorApi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated scenario. Times in it may be relative ("+2m"), so {@link #resolve(Instant)} turns it into
 * accounts for a given simulator start. Parsing resolves once against "now" so every error shows at load time.
 */
public final class Scenario {
    /** vendor-spec 7: "not documented, <=10 req/s [inferred]". */
    static final int UNDOCUMENTED_RATE_LIMIT = 10;
    /** The catalogue's documented limits (vendor-spec 7); where none is documented (Baidu), the spec's inferred 10/s. */
    public static final Map<VendorApi, Integer> DEFAULT_RATE_LIMITS = java.util.Arrays.stream(VendorApi.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(api -> api, api -> api.documentedLimitPerSecond() > 0
                    ? (int) api.documentedLimitPerSecond() : UNDOCUMENTED_RATE_LIMIT));
    public static final String DEMO_RESOURCE = "/scenarios/demo.yaml";

    // a key written twice is an error, not its last value
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final ScenarioFile file;
    private final Map<VendorApi, Integer> rateLimits;

    private Scenario(ScenarioFile file) {
        this.file = file;
        Map<VendorApi, Integer> limits = new EnumMap<>(DEFAULT_RATE_LIMITS);
        limits.putAll(ScenarioResolver.rateLimits(file.rateLimits(), "rateLimits"));
        this.rateLimits = Map.copyOf(limits);
        new ScenarioResolver(Instant.now()).accounts(file); // validate eagerly; generation is deterministic
        faults().forEach(io.packwatch.simulators.control.Fault::fromDef);
    }

    public static Scenario load(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario file " + path + ": " + e.getMessage(), e);
        }
    }

    /** YAML (or JSON, which is YAML) text. */
    public static Scenario parse(String yaml) { return parse(yaml, "scenario"); }

    public static Scenario demo() { return resource(DEMO_RESOURCE); }

    public static Scenario resource(String name) {
        try (InputStream in = Scenario.class.getResourceAsStream(name)) {
            if (in == null) throw new ScenarioException("bundled scenario " + name + " not found");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the generator block, for load tests: {@code perApi} packages for each of the four APIs. */
    public static Scenario generated(int perApi, long seed) {
        return new Scenario(new ScenarioFile("generated", null, List.of(),
                new ScenarioFile.GenerateDef(perApi, null, null, null, null, seed, null, null), List.of()));
    }

    private static Scenario parse(String text, String source) {
        ScenarioFile f;
        try {
            f = YAML.readValue(text, ScenarioFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException(source + ": unknown field '" + e.getPropertyName() + "' at " + path(e)
                    + " (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ScenarioException(source + ": not a valid scenario: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ScenarioException(source + ": not a valid scenario: " + e.getMessage(), e);
        }
        if (f == null) throw new ScenarioException(source + ": empty scenario");
        try {
            return new Scenario(f);
        } catch (ScenarioException e) {
            throw new ScenarioException(source + ": " + e.getMessage(), e);
        }
    }

    private static String path(UnrecognizedPropertyException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(r -> sb.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]"));
        return sb.length() == 0 ? "top level" : sb.substring(sb.charAt(0) == '.' ? 1 : 0);
    }

    public String name() { return file.name() == null ? "unnamed" : file.name(); }

    /** Requests per second per account, 0 = unlimited. */
    public Map<VendorApi, Integer> rateLimits() { return rateLimits; }

    public List<ScenarioFile.FaultDef> faults() { return file.faults() == null ? List.of() : file.faults(); }

    public List<Account> resolve(Instant epoch) {
        List<Account> accounts = new ArrayList<>(new ScenarioResolver(epoch).accounts(file));
        if (file.generate() != null) {
            ScenarioFile.GenerateDef g = file.generate();
            accounts.addAll(new Generator(epoch, g.seed() == null ? 42 : g.seed()).accounts(g));
        }
        return accounts;
    }

    /** A copy whose generator block is replaced (e.g. from the command line). */
    public Scenario withGenerated(int perApi) {
        return new Scenario(new ScenarioFile(file.name(), file.rateLimits(), file.accounts(),
                new ScenarioFile.GenerateDef(perApi, null, null, null, null, 42L, null, null), file.faults()));
    }

    /** A copy with other per-API rate limits (0 = unlimited), e.g. for benchmarks. */
    public Scenario withRateLimits(Map<VendorApi, Integer> limits) {
        Map<String, Integer> raw = new java.util.HashMap<>();
        if (file.rateLimits() != null) raw.putAll(file.rateLimits());
        limits.forEach((k, v) -> raw.put(k.id(), v));
        return new Scenario(new ScenarioFile(file.name(), raw, file.accounts(), file.generate(), file.faults()));
    }
}
