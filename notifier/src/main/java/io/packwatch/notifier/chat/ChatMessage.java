package io.packwatch.notifier.chat;

/**
 * One chat message: a title and a body, in markdown (WeCom, DingTalk) and plain text (Feishu's text message).
 * {@code alerts} counts the alerts it carries, for metrics.
 */
public record ChatMessage(String title, String markdown, String text, int alerts) {

    /** Several queued messages as one, in order: what a rate-limited robot sends when its turn comes. */
    static ChatMessage merge(java.util.List<ChatMessage> messages) {
        if (messages.size() == 1) {
            return messages.get(0);
        }
        StringBuilder md = new StringBuilder();
        StringBuilder text = new StringBuilder();
        int alerts = 0;
        for (ChatMessage m : messages) {
            if (md.length() > 0) {
                md.append("\n\n---\n\n");
                text.append("\n\n----\n\n");
            }
            md.append(m.markdown());
            text.append(m.text());
            alerts += m.alerts();
        }
        return new ChatMessage(messages.get(0).title() + " (+" + (messages.size() - 1) + ")", md.toString(),
                text.toString(), alerts);
    }
}
