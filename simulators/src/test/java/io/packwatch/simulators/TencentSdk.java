package io.packwatch.simulators;

import io.packwatch.core.VendorApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import java.io.UncheckedIOException;

/** The official Tencent SDK's CommonClient pointed at a simulator (vendor-spec 8.3, simple variant). */
final class TencentSdk {
    static final ObjectMapper JSON = new ObjectMapper();

    private TencentSdk() { }

    static CommonClient client(SimulatorServer s, VendorApi api, String region, String id, String key) {
        HttpProfile hp = new HttpProfile();
        hp.setProtocol(HttpProfile.REQ_HTTP);
        hp.setEndpoint(s.tencentEndpoint());
        hp.setConnTimeout(5);
        hp.setReadTimeout(10);
        hp.setWriteTimeout(10);
        ClientProfile cp = new ClientProfile();
        cp.setHttpProfile(hp);
        return new CommonClient(api.productName(), api.apiVersion(), new Credential(id, key), region, cp);
    }

    static CommonClient client(SimulatorServer s, VendorApi api, String region) {
        return client(s, api, region, TestScenarios.TC_ID, TestScenarios.TC_KEY);
    }

    /**
     * vendor-spec 8.3 variant 3: product host names ({@code <product>.tencentcloudapi.test:PORT}) resolved to loopback,
     * so the SDK signs for the product's own service ({@code vpc}, {@code cdn}, ...).
     */
    static ClientProfile productHostsOnLoopback(SimulatorServer s) {
        OkHttpClient ok = new OkHttpClient.Builder()
                .dns(h -> Collections.singletonList(InetAddress.getLoopbackAddress()))
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS).build();
        HttpProfile hp = new HttpProfile();
        hp.setProtocol(HttpProfile.REQ_HTTP);
        hp.setRootDomain("tencentcloudapi.test:" + s.tencentPort());
        hp.setHttpClient(ok);
        ClientProfile cp = new ClientProfile();
        cp.setHttpProfile(hp);
        return cp;
    }

    /** The "Response" object of a successful call. */
    static JsonNode call(CommonClient c, VendorApi api, String payload) throws TencentCloudSDKException {
        String raw = c.call(api.action(), payload);
        try {
            return JSON.readTree(raw).get("Response");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
