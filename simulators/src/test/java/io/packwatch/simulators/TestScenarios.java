package io.packwatch.simulators;

import io.packwatch.simulators.scenario.Scenario;

/** Scenarios built in code, for paging edges that would be tedious to write out by hand. */
final class TestScenarios {
    static final String TC_ID = "AKIDinteropTestSecretId";
    static final String TC_KEY = "interopTestSecretKey";
    static final String TC2_ID = "AKIDsecondAccount";
    static final String TC2_KEY = "secondSecretKey";
    static final String BD_AK = "interopAK";
    static final String BD_SK = "interopSecretAccessKey";

    static final int VPC_GZ = 250;
    static final int VPC_SH = 100;
    static final int LH_GZ = 120;
    static final int LIVE_TRAFFIC = 25;
    static final int BD_BJ = 2500;
    static final int BD_GZ = 1000;

    private TestScenarios() { }

    static Scenario interop() {
        StringBuilder y = new StringBuilder("name: interop\nrateLimits: {tencent-vpc: 0, tencent-lighthouse: 0, tencent-live: 0, baidu-eip: 0}\naccounts:\n");
        y.append("  - id: tc\n    vendor: tencent\n    secretId: ").append(TC_ID).append("\n    secretKey: ").append(TC_KEY).append("\n    vpc:\n");
        for (int i = 0; i < VPC_GZ; i++) {
            String status = i == 0 ? ", events: [{at: -1s, status: REFUNDED}]" : i == 1 ? ", events: [{at: -1s, status: DELETED}]" : "";
            String used = i == 2 ? "100%" : "10%";
            String expire = i == 3 ? "-1h" : "+30d";
            y.append("      - {id: tfp-gz").append(String.format("%06d", i)).append(", name: pkg-").append(i)
                    .append(", region: ap-guangzhou, capacity: 10, used: '").append(used).append("', start: -30d, expire: '").append(expire)
                    .append("', tags: {env: test}").append(status).append("}\n");
        }
        for (int i = 0; i < VPC_SH; i++) {
            y.append("      - {id: tfp-sh").append(String.format("%06d", i)).append(", region: ap-shanghai, capacity: 50.5, used: 1}\n");
        }
        y.append("    lighthouse:\n");
        for (int i = 0; i < LH_GZ; i++) {
            y.append("      - {id: lhtfp-").append(String.format("%08d", i)).append(", instance: lhins-").append(String.format("%08d", i))
                    .append(", region: ap-guangzhou, capacity: 500GiB, used: ").append(i == 0 ? "'110%'" : "1GiB").append("}\n");
        }
        y.append("    live:\n");
        int id = 500000;
        for (int i = 0; i < LIVE_TRAFFIC; i++) y.append("      - {id: '").append(id++).append("', type: 0, capacity: 500GB, used: 1GB, created: -").append(i + 1).append("d}\n");
        y.append("      - {id: '").append(id++).append("', type: 1, capacity: 1000, used: 10}\n");
        y.append("      - {id: '").append(id++).append("', type: 1, capacity: 2000}\n");
        y.append("      - {id: '").append(id++).append("', type: 2, capacity: 3000}\n");
        y.append("      - {id: '").append(id).append("', type: 3, capacity: 100, used: 100}\n");
        y.append("  - id: tc2\n    vendor: tencent\n    secretId: ").append(TC2_ID).append("\n    secretKey: ").append(TC2_KEY).append("\n");
        y.append("  - id: bd\n    vendor: baidu\n    accessKeyId: ").append(BD_AK).append("\n    secretAccessKey: ").append(BD_SK).append("\n    eip:\n");
        for (int i = 0; i < BD_BJ; i++) {
            y.append("      - {id: tp-bj").append(String.format("%06d", i)).append(", region: bj, capacity: 10GiB, used: ")
                    .append(i % 10 == 0 ? "'100%'" : "1GiB").append(i % 5 == 1 ? ", deduct: OFF_PEAK" : "").append("}\n");
        }
        for (int i = 0; i < BD_GZ; i++) {
            y.append("      - {id: tp-gz").append(String.format("%06d", i)).append(", region: gz, capacity: 10GiB}\n");
        }
        return Scenario.parse(y.toString());
    }
}
