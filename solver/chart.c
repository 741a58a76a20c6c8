/* Timeline charts in SVG (include/evosched/chart.h): the frame, time grid,
 * rows and bars that every problem's chart shares, so that a fix to one is
 * a fix to all. */
#include <evosched/chart.h>
#include <evosched/status.h>

/* Text as SVG character data: a title or name with '&' or '<' in it would
 * otherwise break the whole file. */
static void put_text(FILE *out, const char *s)
{
    for (; *s; s++)
        if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else
            fputc(*s, out);
}

void es_chart_begin(es_chart *c, FILE *out, const char *title, long horizon, long unit, int rows, double row_px,
                    double extra)
{
    *c = (es_chart){.out = out, .left = 60, .width = 900, .top = 30, .row = row_px};
    unit = unit > 0 ? unit : 1;
    c->scale = c->width / (double)(horizon > 0 ? horizon : 1);
    double bottom = c->top + rows * row_px; /* of the rows, where the axis labels go */
    c->below = bottom + 20;
    double height = bottom + 10 + extra + 20;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
            "font-size=\"10\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
            "<text x=\"%.0f\" y=\"20\" font-size=\"14\">",
            c->left + c->width + 20, height, c->left);
    put_text(out, title);
    fputs("</text>\n", out);
    /* about ten grid lines whatever the horizon, every 5 units on short ones */
    long step = horizon > 50 ? horizon / 10 : 5;
    for (long t = 0; t <= horizon; t += step) {
        double x = es_chart_x(c, (double)t);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%.1f\" "
                     "y=\"%.1f\" text-anchor=\"middle\">%ld</text>\n",
                x, c->top, x, bottom, x, bottom + 10, t * unit);
    }
}

double es_chart_x(const es_chart *c, double t) { return c->left + t * c->scale; }

void es_chart_label(es_chart *c, int r, const char *text)
{
    if (c->row < 10) /* rows thinner than the text: labels would overprint one another */
        return;
    fprintf(c->out, "<text x=\"4\" y=\"%.1f\">", c->top + r * c->row + 10);
    put_text(c->out, text);
    fputs("</text>\n", c->out);
}

void es_chart_bar(es_chart *c, int r, double from, double to, int hue, const char *tooltip)
{
    double gap = c->row >= 6 ? 1 : 0; /* between rows, where they are tall enough to spare it */
    fprintf(c->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"hsl(%d,60%%,60%%)\"",
            es_chart_x(c, from), c->top + r * c->row + gap, (to - from) * c->scale, c->row - 2 * gap, hue);
    if (tooltip) {
        fputs("><title>", c->out);
        put_text(c->out, tooltip);
        fputs("</title></rect>\n", c->out);
    } else
        fputs("/>\n", c->out);
}

void es_chart_mark(es_chart *c, int r, double t, const char *color)
{
    double x = es_chart_x(c, t);
    fprintf(c->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x, c->top + r * c->row,
            x, c->top + (r + 1) * c->row, color);
}

int es_chart_end(es_chart *c)
{
    fputs("</svg>\n", c->out);
    return ferror(c->out) ? ES_EIO : ES_OK;
}
