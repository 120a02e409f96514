package io.packwatch.simulators;

import com.baidubce.BceClientConfiguration;
import com.baidubce.auth.DefaultBceCredentials;
import com.baidubce.http.DefaultRetryPolicy;
import com.baidubce.services.eiptp.EipTpClient;

/** The official Baidu SDK's EipTpClient pointed at a simulator region port, its hidden retries switched off. */
final class BaiduSdk {
    private BaiduSdk() { }

    static EipTpClient client(SimulatorServer s, String region, String ak, String sk) {
        BceClientConfiguration cfg = new BceClientConfiguration();
        cfg.setCredentials(new DefaultBceCredentials(ak, sk));
        cfg.setEndpoint(s.baiduEndpoint(region));
        cfg.setRetryPolicy(new DefaultRetryPolicy(0, 0));
        cfg.setConnectionTimeoutInMillis(5000);
        cfg.setSocketTimeoutInMillis(10000);
        return new EipTpClient(cfg);
    }

    static EipTpClient client(SimulatorServer s, String region) {
        return client(s, region, TestScenarios.BD_AK, TestScenarios.BD_SK);
    }
}
