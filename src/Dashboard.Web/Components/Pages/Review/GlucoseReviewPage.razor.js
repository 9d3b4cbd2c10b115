// Printing the review as the one-page AGP report: lay the page out at the paper's width first, give the charts
// time to redraw at their new size (ApexCharts redraws on a parent resize after 150 ms), then open the print dialog.
export async function printReport(element) {
    element.classList.add('print-layout');
    await new Promise(resolve => setTimeout(resolve, 500));
    window.addEventListener('afterprint', () => element.classList.remove('print-layout'), { once: true });
    window.print();
}
