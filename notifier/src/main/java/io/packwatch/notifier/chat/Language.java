package io.packwatch.notifier.chat;

/** The language of chat messages; each route picks one. */
public enum Language {
    EN("FIRING", "RESOLVED", "alerts", "Package", "since", "resolved at", "Runbook", "Details", "more alerts not shown"),
    ZH("告警", "已恢复", "条告警", "套餐", "开始于", "恢复于", "处理手册", "详情", "条告警未显示");

    final String firing;
    final String resolved;
    final String alertsWord;
    final String packageWord;
    final String since;
    final String resolvedAt;
    final String runbook;
    final String details;
    final String notShown;

    Language(String firing, String resolved, String alertsWord, String packageWord, String since, String resolvedAt,
             String runbook, String details, String notShown) {
        this.firing = firing;
        this.resolved = resolved;
        this.alertsWord = alertsWord;
        this.packageWord = packageWord;
        this.since = since;
        this.resolvedAt = resolvedAt;
        this.runbook = runbook;
        this.details = details;
        this.notShown = notShown;
    }

    public static Language parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "en", "english" -> EN;
            case "zh", "zh-cn", "chinese" -> ZH;
            default -> throw new IllegalArgumentException("language must be 'en' or 'zh', got '" + value + "'");
        };
    }
}
