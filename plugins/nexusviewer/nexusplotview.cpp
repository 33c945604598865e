#include "nexusplotview.h"

#include "nexusattributes.h"

#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

using hyperslab::ObjectInfo;

namespace {

QString joinPath(const QString &group, const QString &name)
{
    if (name.startsWith(QLatin1Char('/')))
        return name;
    return group.endsWith(QLatin1Char('/')) ? group + name : group + QLatin1Char('/') + name;
}

quint64 strideFor(quint64 n, quint64 max) { return n <= max ? 1 : (n + max - 1) / max; }
quint64 countFor(quint64 n, quint64 stride) { return n == 0 ? 0 : (n - 1) / stride + 1; }

QString ordinal(quint64 n)
{
    const quint64 t = n % 100, u = n % 10;
    const char *suffix = (t >= 11 && t <= 13) ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th";
    return QString::number(n) + QLatin1String(suffix);
}

} // namespace

NexusPlotView::NexusPlotView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent)
    : QWidget(parent), m_data(std::move(data)), m_title(new QLabel(this)), m_status(new QLabel(this)),
      m_plot(new QCustomPlot(this))
{
    m_title->setObjectName(QStringLiteral("nexusTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_status->setObjectName(QStringLiteral("nexusStatus"));
    m_status->setWordWrap(true);
    m_plot->setObjectName(QStringLiteral("nexusPlot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_plot, 1);
    m_status->setText(tr("Reading the NeXus plot…"));
    follow(m_data->object().path, 0);
}

QString NexusPlotView::status() const { return m_status->text(); }

void NexusPlotView::fail(const QString &message)
{
    m_status->setText(message);
    m_plot->hide();
    m_done = true;
    Q_EMIT done();
}

void NexusPlotView::follow(const QString &path, int depth)
{
    m_data->requestObject(path, this, [this, depth](const ObjectInfo &group, const QStringList &members, const QString &error) {
        if (!error.isEmpty())
            fail(tr("The NeXus plot could not be read: %1").arg(error));
        else
            groupFound(group, members, depth);
    });
}

void NexusPlotView::groupFound(const ObjectInfo &group, const QStringList &members, int depth)
{
    if (group.kind == QLatin1String("group") && nexus::isNXdata(group.attributes)) {
        m_group = group;
        m_members = members;
        m_signalName = nexus::attrString(group.attributes, QStringLiteral("signal"));
        if (m_signalName.isEmpty()) {
            findLegacySignal();
            return;
        }
        if (!members.contains(m_signalName)) {
            fail(tr("%1 names its signal \u201c%2\u201d, but it has no such member.").arg(group.path, m_signalName));
            return;
        }
        m_data->requestObject(joinPath(group.path, m_signalName), this,
                              [this](const ObjectInfo &s, const QStringList &, const QString &error) {
            if (!error.isEmpty())
                fail(tr("The signal could not be read: %1").arg(error));
            else
                signalFound(s);
        });
        return;
    }
    const QString next = nexus::attrString(group.attributes, QStringLiteral("default"));
    if (group.kind == QLatin1String("group") && !next.isEmpty() && depth < 4) {
        follow(joinPath(group.path, next), depth + 1);
        return;
    }
    fail(tr("%1 is not a NeXus NXdata group and names no default plot.").arg(group.path));
}

void NexusPlotView::findLegacySignal()
{
    // Older files mark the signal dataset with `signal=1` instead of naming it.
    const int n = int(std::min<qsizetype>(m_members.size(), 64));
    if (n == 0) {
        fail(tr("%1 is an empty NXdata group.").arg(m_group.path));
        return;
    }
    auto found = std::make_shared<std::vector<ObjectInfo>>(size_t(n));
    auto left = std::make_shared<int>(n);
    for (int i = 0; i < n; ++i) {
        m_data->requestObject(joinPath(m_group.path, m_members[i]), this,
                              [this, i, found, left](const ObjectInfo &o, const QStringList &, const QString &) {
            (*found)[size_t(i)] = o;
            if (--*left > 0)
                return;
            for (size_t k = 0; k < found->size(); ++k) {
                if ((*found)[k].kind == QLatin1String("dataset") && nexus::isLegacySignal((*found)[k].attributes)) {
                    m_signalName = m_members[int(k)];
                    signalFound((*found)[k]);
                    return;
                }
            }
            fail(tr("%1 names no signal (no `signal` attribute, no dataset with signal=1).").arg(m_group.path));
        });
    }
}

void NexusPlotView::signalFound(const ObjectInfo &signal)
{
    m_signal = signal;
    const int rank = int(signal.shape.size());
    if (signal.kind != QLatin1String("dataset") || rank == 0
        || (signal.typeClass != QLatin1String("integer") && signal.typeClass != QLatin1String("float"))) {
        fail(tr("The signal %1 is not an array of numbers.").arg(signal.path));
        return;
    }
    const QString title = nexus::attrString(m_group.attributes, QStringLiteral("title"));
    m_title->setText(title.isEmpty() ? m_group.path : title);

    // Axes by signal dimension: the group's `axes`, else legacy `axes` on the signal.
    QStringList names = nexus::attrNames(m_group.attributes, QStringLiteral("axes"));
    if (names.isEmpty())
        names = nexus::attrNames(signal.attributes, QStringLiteral("axes"));
    m_axes.assign(size_t(rank), Axis{});
    for (int d = 0; d < rank && d < names.size(); ++d)
        if (names[d] != QLatin1String(".") && m_members.contains(names[d]))
            m_axes[size_t(d)].name = names[d];
    if (m_members.contains(m_signalName + QStringLiteral("_errors")))
        m_errorsName = m_signalName + QStringLiteral("_errors");
    else if (m_members.contains(QStringLiteral("errors")))
        m_errorsName = QStringLiteral("errors");

    // The selection: bounded reads whatever the size.
    m_start.assign(size_t(rank), 0);
    m_stride.assign(size_t(rank), 1);
    m_count.assign(size_t(rank), 1);
    const int first = rank == 1 ? 0 : rank - 2;
    const quint64 max = rank == 1 ? MaxLinePoints : MaxImageSide;
    QStringList notes;
    for (int d = first; d < rank; ++d) {
        m_stride[size_t(d)] = strideFor(signal.shape[size_t(d)], max);
        m_count[size_t(d)] = countFor(signal.shape[size_t(d)], m_stride[size_t(d)]);
        if (m_stride[size_t(d)] > 1)
            notes << tr("every %1 value along dimension %2").arg(ordinal(m_stride[size_t(d)])).arg(d);
    }
    QStringList shape, index;
    for (int d = 0; d < rank; ++d) {
        shape << QString::number(signal.shape[size_t(d)]);
        index << (d < first ? QStringLiteral("0") : QStringLiteral(":"));
    }
    QString note = tr("%1 (%2)").arg(signal.path, shape.join(QStringLiteral(" \u00d7 ")));
    if (rank > 2)
        note += tr(" \u2014 showing the last two dimensions at index 0 of the others: [%1]").arg(index.join(QStringLiteral(", ")));
    if (!notes.isEmpty())
        note += tr(" \u2014 reduced: %1").arg(notes.join(QStringLiteral(", ")));
    m_note = note;

    m_pending = 1;
    m_data->requestNumbers(signal.path, m_start, m_stride, m_count, this,
                           [this](const std::vector<double> &v, const QString &error) {
        if (!error.isEmpty()) {
            fail(tr("The signal could not be read: %1").arg(error));
            m_pending = -1;
            return;
        }
        m_values = v;
        finishOne();
    });
    if (!m_errorsName.isEmpty()) {
        ++m_pending;
        m_data->requestNumbers(joinPath(m_group.path, m_errorsName), m_start, m_stride, m_count, this,
                               [this](const std::vector<double> &v, const QString &) {
            m_errors = v; // errors of another shape are left out
            finishOne();
        });
    }
    for (int d = first; d < rank; ++d)
        if (!m_axes[size_t(d)].name.isEmpty())
            readAxis(d, m_axes[size_t(d)].name);
}

void NexusPlotView::readAxis(int dim, const QString &name)
{
    ++m_pending;
    m_data->requestObject(joinPath(m_group.path, name), this, [this, dim](const ObjectInfo &o, const QStringList &, const QString &error) {
        Axis &axis = m_axes[size_t(dim)];
        axis.info = o;
        // A 1-D axis of the dimension's length, or one more (bin edges).
        const quint64 n = m_signal.shape[size_t(dim)];
        if (!error.isEmpty() || o.shape.size() != 1 || (o.shape[0] != n && o.shape[0] != n + 1)) {
            finishOne();
            return;
        }
        m_data->requestNumbers(o.path, {0}, {m_stride[size_t(dim)]}, {m_count[size_t(dim)]}, this,
                               [this, dim](const std::vector<double> &v, const QString &) {
            m_axes[size_t(dim)].values = v;
            finishOne();
        });
    });
}

void NexusPlotView::finishOne()
{
    if (m_pending <= 0 || --m_pending > 0)
        return;
    draw();
    m_done = true;
    Q_EMIT done();
}

QString NexusPlotView::label(const ObjectInfo &info, const QString &name) const
{
    QString text = nexus::attrString(info.attributes, QStringLiteral("long_name"));
    if (text.isEmpty())
        text = name;
    const QString units = nexus::attrString(info.attributes, QStringLiteral("units"));
    if (!units.isEmpty() && !text.contains(units))
        text += QStringLiteral(" (%1)").arg(units);
    return text;
}

void NexusPlotView::draw()
{
    m_status->setText(m_note);
    const int rank = int(m_signal.shape.size());
    const QString signalLabel = label(m_signal, m_signalName);
    // Axis values of dimension d (its index where there is no axis).
    auto coords = [this](int d) {
        QVector<double> c(qsizetype(m_count[size_t(d)]));
        const std::vector<double> &values = m_axes[size_t(d)].values;
        for (qsizetype i = 0; i < c.size(); ++i)
            c[i] = size_t(i) < values.size() ? values[size_t(i)] : double(m_start[size_t(d)] + quint64(i) * m_stride[size_t(d)]);
        return c;
    };
    auto axisLabel = [this](int d) {
        const Axis &a = m_axes[size_t(d)];
        return a.values.empty() ? tr("index of dimension %1").arg(d) : label(a.info, a.name);
    };

    if (rank == 1) {
        const QVector<double> x = coords(0);
        const QVector<double> y(m_values.begin(), m_values.end());
        QCPGraph *graph = m_plot->addGraph();
        graph->setData(x, y, true);
        graph->setName(signalLabel);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        if (m_errors.size() == m_values.size()) {
            auto *bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
            bars->setDataPlottable(graph);
            bars->setData(QVector<double>(m_errors.begin(), m_errors.end()));
            bars->setName(tr("errors"));
        }
        m_plot->xAxis->setLabel(axisLabel(0));
        m_plot->yAxis->setLabel(signalLabel);
        m_plot->rescaleAxes();
        if (m_plot->plottableCount() > 1) { // the error bars reach past the points
            bool found = false;
            const QCPRange r = m_plot->plottable(1)->getValueRange(found);
            if (found)
                m_plot->yAxis->setRange(m_plot->yAxis->range().expanded(r));
        }
        // A margin, so that the first and last points and bars are not on the frame.
        for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
            const QCPRange r = axis->range();
            const double pad = r.size() > 0 ? r.size() * 0.03 : 0.5;
            axis->setRange(r.lower - pad, r.upper + pad);
        }
    } else {
        const int rowDim = rank - 2, colDim = rank - 1;
        const int rows = int(m_count[size_t(rowDim)]), cols = int(m_count[size_t(colDim)]);
        const QVector<double> xs = coords(colDim), ys = coords(rowDim);
        auto *map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
        map->data()->setSize(cols, rows);
        map->data()->setRange(QCPRange(xs.front(), xs.back()), QCPRange(ys.front(), ys.back()));
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                const size_t i = size_t(r) * size_t(cols) + size_t(c);
                map->data()->setCell(c, r, i < m_values.size() ? m_values[i] : qQNaN());
            }
        auto *scale = new QCPColorScale(m_plot);
        m_plot->plotLayout()->addElement(0, 1, scale);
        scale->axis()->setLabel(signalLabel);
        map->setColorScale(scale);
        QCPColorGradient gradient(QCPColorGradient::gpThermal);
        gradient.setNanHandling(QCPColorGradient::nhTransparent);
        map->setGradient(gradient);
        map->rescaleDataRange(true);
        m_plot->xAxis->setLabel(axisLabel(colDim));
        m_plot->yAxis->setLabel(axisLabel(rowDim));
        m_plot->rescaleAxes();
        // Cells are centred on the coordinates: show the outer cells whole.
        if (cols > 1)
            m_plot->xAxis->setRange(m_plot->xAxis->range().lower - (xs.back() - xs.front()) / (2.0 * (cols - 1)),
                                    m_plot->xAxis->range().upper + (xs.back() - xs.front()) / (2.0 * (cols - 1)));
        if (rows > 1)
            m_plot->yAxis->setRange(m_plot->yAxis->range().lower - (ys.back() - ys.front()) / (2.0 * (rows - 1)),
                                    m_plot->yAxis->range().upper + (ys.back() - ys.front()) / (2.0 * (rows - 1)));
    }
    m_plot->replot();
}
