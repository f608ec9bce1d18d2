package org.openaccess.partner.coldstart.report;

import java.util.List;
import org.openaccess.partner.coldstart.measure.FunctionResult;

/**
 * One function's line of the report.
 *
 * @param http   whether API Gateway invokes it (the init target applies to those)
 * @param events the event files it was measured with, first invoke first
 */
public record ReportRow(FunctionResult result, boolean http, List<String> events) {

    public ReportRow {
        events = List.copyOf(events);
    }
}
