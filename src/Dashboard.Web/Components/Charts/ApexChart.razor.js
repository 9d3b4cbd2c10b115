// The one bridge between ApexChart.razor and ApexCharts (loaded globally by App.razor from wwwroot/lib/apexcharts).
// Options arrive as JSON; a "formatter" given as a string names one of the functions below.

// Numbers are written in the console's culture (its name comes from C#: "en", "de"), so German shows 5,5 and
// 12,5 %; the options' JSON itself stays invariant. No grouping: axis ticks and tooltips stay "1000" as before.
function numberFormatters(locale) {
    const format = digits => {
        let numbers;
        try {
            numbers = new Intl.NumberFormat(locale || 'en', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
        } catch {
            numbers = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
        }
        return value => numbers.format(Number(value));
    };
    const whole = format(0);
    const oneDecimal = format(1);
    return {
        minutesOfDay: value => {
            const minutes = Math.round(Number(value)) % 1440;
            return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        },
        whole: value => value == null ? '' : whole(value),
        oneDecimal: value => value == null ? '' : oneDecimal(value),
        percent: value => value == null ? '' : `${oneDecimal(value)} %`,
    };
}

function withFunctions(node, formatters) {
    if (Array.isArray(node)) return node.map(item => withFunctions(item, formatters));
    if (node === null || typeof node !== 'object') return node;
    const result = {};
    for (const [key, value] of Object.entries(node)) {
        result[key] = key === 'formatter' && typeof value === 'string' ? formatters[value] ?? undefined : withFunctions(value, formatters);
    }
    return result;
}

const charts = new WeakMap();

// locale: the console's culture name (CultureInfo.CurrentCulture.Name), for the number formatters.
export async function create(element, json, locale) {
    destroy(element);
    const chart = new window.ApexCharts(element, withFunctions(JSON.parse(json), numberFormatters(locale)));
    charts.set(element, chart);
    await chart.render();
}

// Updates the chart in place: new options (axes, annotations, colours) and new series, without re-creating it.
export async function update(element, json, locale) {
    const chart = charts.get(element);
    if (!chart) return create(element, json, locale);
    const { series, ...options } = withFunctions(JSON.parse(json), numberFormatters(locale));
    await chart.updateOptions(options, false, false, false);
    await chart.updateSeries(series, false);
}

export function destroy(element) {
    const chart = charts.get(element);
    if (!chart) return;
    charts.delete(element);
    chart.destroy();
}
