package io.packwatch.simulators.tencent;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** One Tencent action: validates the call and writes the fields of "Response" (RequestId is added by the caller). */
interface TencentApiHandler {
    void respond(TencentCall call, JsonGenerator g) throws IOException;
}
