package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import io.packwatch.simulators.http.Render;
import io.packwatch.simulators.scenario.Account;

import java.time.Instant;

/** One authenticated Tencent request: who, where (X-TC-Region, may be empty), what, when (simulated) and how to render. */
record TencentCall(Account account, String region, JsonNode body, Instant now, Render render) { }
