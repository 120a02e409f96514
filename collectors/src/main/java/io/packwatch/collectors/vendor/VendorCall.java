package io.packwatch.collectors.vendor;

/** One request to a vendor API. */
@FunctionalInterface
public interface VendorCall {
    ApiPage execute() throws VendorCallException;
}
