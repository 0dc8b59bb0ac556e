package dev.riffle.local.demo.report;

import java.util.List;
import java.util.Locale;

/** The few inline SVG shapes the report draws; no script, no external resource. */
final class Svg {
    static final String[] COLORS = {
        "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"
    };

    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    Svg rect(double x, double y, double w, double h, String fill, String title) {
        body.append(
                String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                        x,
                        y,
                        Math.max(0, w),
                        Math.max(0, h),
                        fill));
        title(title);
        body.append("</rect>\n");
        return this;
    }

    Svg line(
            double x1,
            double y1,
            double x2,
            double y2,
            String stroke,
            double strokeWidth,
            String dash,
            String title) {
        body.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                                + " stroke-width=\"%.1f\"%s>",
                        x1,
                        y1,
                        x2,
                        y2,
                        stroke,
                        strokeWidth,
                        dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
        title(title);
        body.append("</line>\n");
        return this;
    }

    Svg polyline(List<double[]> points, String stroke) {
        body.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke);
        body.append("\" points=\"");
        for (double[] p : points) {
            body.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        body.append("\"/>\n");
        return this;
    }

    Svg circle(double x, double y, double r, String fill, String title) {
        body.append(
                String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\">",
                        x,
                        y,
                        r,
                        fill));
        title(title);
        body.append("</circle>\n");
        return this;
    }

    Svg text(double x, double y, String text, String anchor, int size) {
        body.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\""
                                + " font-size=\"%d\">%s</text>%n",
                        x,
                        y,
                        anchor,
                        size,
                        Html.escape(text)));
        return this;
    }

    private void title(String title) {
        if (title != null) {
            body.append("<title>").append(Html.escape(title)).append("</title>");
        }
    }

    @Override
    public String toString() {
        return String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n",
                        width,
                        height,
                        width,
                        height)
                + body
                + "</svg>\n";
    }
}
