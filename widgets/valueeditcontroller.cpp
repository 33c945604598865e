#include "valueeditcontroller.h"

#include "edit/filloperation.h"
#include "edit/setvaluesoperation.h"
#include "edithistory.h"
#include "model/names.h"
#include "models/datasettablemodel.h"
#include "session/filesession.h"

#include <QStringList>

namespace hs::ui {

using namespace hs::core;

namespace {

// Cells of a tab-separated block; a spreadsheet's quoted cell ("a""b") unquoted.
QList<QStringList> splitBlock(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    QList<QStringList> rows;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QStringList cells = line.split(QLatin1Char('\t'));
        for (QString &c : cells)
            if (c.size() >= 2 && c.startsWith(QLatin1Char('"')) && c.endsWith(QLatin1Char('"')))
                c = c.mid(1, c.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
        rows << cells;
    }
    return rows;
}

} // namespace

ValueEditController::ValueEditController(DatasetTableModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_parser(model->reader()->valueParser()),
      m_session(FileSession::of(model->reader()->file()))
{
    if (m_session) {
        connect(m_session, &FileSession::modeChanged, this, &ValueEditController::updateEditable);
        // By identity, so a tab of the same dataset through another hard link
        // (/data/t and /alias) shows an edit made in either; by path when the
        // identity is unknown.
        const QByteArray token = model->reader()->objectToken();
        if (!token.isEmpty())
            connect(m_session, &FileSession::objectValuesChanged, this,
                    [this, token](const QByteArray &changed, const ValueRegion &region) {
                        if (changed == token)
                            m_model->invalidateRegion(region.start, region.count);
                    });
        else
            connect(m_session, &FileSession::valuesChanged, this, [this](const QString &path, const ValueRegion &region) {
                if (path == datasetPath())
                    m_model->invalidateRegion(region.start, region.count);
            });
    }
    updateEditable();
}

FileSession *ValueEditController::session() const { return m_session; }

QString ValueEditController::datasetPath() const { return m_model->reader()->path(); }

void ValueEditController::updateEditable()
{
    std::vector<char> fields;
    if (m_session && m_session->isEditable()) {
        fields.resize(size_t(m_parser.fieldCount()));
        for (int f = 0; f < m_parser.fieldCount(); ++f)
            fields[size_t(f)] = m_parser.editor(f) != ValueParser::Editor::None;
    }
    m_model->setEditableFields(fields);
    Q_EMIT editableChanged(isEditable());
}

bool ValueEditController::isEditable() const
{
    if (!m_session || !m_session->isEditable())
        return false;
    for (int f = 0; f < m_parser.fieldCount(); ++f)
        if (m_parser.editor(f) != ValueParser::Editor::None)
            return true;
    return false;
}

int ValueEditController::fieldOf(quint64 gridColumn) const
{
    return int(gridColumn % quint64(std::max(1, m_model->fieldCount())));
}

QString ValueEditController::limits(quint64 gridColumn) const { return m_parser.limits(fieldOf(gridColumn)); }

bool ValueEditController::canEdit(quint64 row, quint64 gridColumn, QString *why) const
{
    QString reason;
    if (!m_session || !m_session->isEditable())
        reason = tr("The file is open read-only. Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E).");
    else if (row >= m_model->totalRows() || gridColumn >= m_model->totalColumns())
        reason = tr("There is no such cell.");
    else
        reason = m_parser.notEditableReason(fieldOf(gridColumn));
    if (why)
        *why = reason;
    return reason.isEmpty();
}

QString ValueEditController::check(quint64 gridColumn, const QString &text) const
{
    std::vector<unsigned char> element(m_parser.elementSize());
    ParsedStrings strings;
    return m_parser.parse(fieldOf(gridColumn), text, element.data(), strings);
}

std::optional<ValueBox> ValueEditController::boxFor(const CellRange &range) const
{
    const Selection &sel = m_model->selection();
    const DimSlice *rs = m_model->rowSlice(), *cs = m_model->columnSlice();
    const quint64 f = quint64(std::max(1, m_model->fieldCount()));
    ValueBox box;
    for (const DimSlice &s : sel.dims()) {
        if (&s == rs || &s == cs) {
            const quint64 a = &s == rs ? range.top : range.left / f;
            const quint64 b = &s == rs ? range.bottom : range.right / f;
            if (s.block > 1 && a != b)
                return std::nullopt;
            box.start.push_back(s.datasetIndex(a));
            box.stride.push_back(std::max<quint64>(1, s.stride));
            box.count.push_back(b - a + 1);
        } else {
            box.start.push_back(s.start);
            box.stride.push_back(1);
            box.count.push_back(1);
        }
    }
    return box;
}

quint64 ValueEditController::indexInBox(const ValueBox &box, quint64 row, quint64 gridColumn) const
{
    const Selection &sel = m_model->selection();
    const DimSlice *rs = m_model->rowSlice(), *cs = m_model->columnSlice();
    const quint64 f = quint64(std::max(1, m_model->fieldCount()));
    quint64 index = 0;
    for (size_t d = 0; d < sel.dims().size(); ++d) {
        const DimSlice &s = sel.dims()[d];
        quint64 coord = 0;
        if (&s == rs)
            coord = (s.datasetIndex(row) - box.start[d]) / box.strideOf(d);
        else if (&s == cs)
            coord = (s.datasetIndex(gridColumn / f) - box.start[d]) / box.strideOf(d);
        index = index * box.count[d] + coord;
    }
    return index;
}

QString ValueEditController::describeValue(const QString &text) const
{
    QString t = text;
    t.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return t.size() > 40 ? t.left(37) + QStringLiteral("\u2026") : t;
}

QString ValueEditController::setCell(quint64 row, quint64 gridColumn, const QString &text)
{
    QString why;
    if (!canEdit(row, gridColumn, &why))
        return why;
    const int field = fieldOf(gridColumn);
    const auto box = boxFor(CellRange{row, gridColumn, row, gridColumn});
    if (!box)
        return tr("This view cannot be edited.");
    auto strings = std::make_shared<ParsedStrings>();
    std::vector<unsigned char> element(m_parser.elementSize(), 0);
    const QString error = m_parser.parse(field, text, element.data(), *strings);
    if (!error.isEmpty())
        return error;
    std::vector<char> mask;
    if (m_parser.fieldCount() > 1) {
        mask.assign(size_t(m_parser.fieldCount()), 0);
        mask[size_t(field)] = 1;
    }
    const QString fieldName = m_model->reader()->fields()[size_t(field)].name;
    const QString where = names::toEscaped(datasetPath()) + box->text() + (fieldName.isEmpty() ? QString() : QLatin1Char(' ') + fieldName);
    const QString description = tr("Set %1 to %2").arg(where, describeValue(text.trimmed()));
    auto op = std::make_shared<SetValuesOperation>(datasetPath(), *box, m_parser.fieldCount(), std::move(element), std::move(mask),
                                                   strings, description);
    QPointer<ValueEditController> self(this);
    EditHistory::instance().perform(m_session, op, [self, description](const Status &s) {
        if (!self)
            return;
        if (s.ok())
            Q_EMIT self->written(description);
        else
            Q_EMIT self->writeFailed(tr("Could not change the value"), s.error());
    });
    return {};
}

QString ValueEditController::paste(const CellRange &selection, const QString &text)
{
    QString why;
    if (!canEdit(selection.top, selection.left, &why) && (!m_session || !m_session->isEditable()))
        return why;
    const QList<QStringList> rows = splitBlock(text);
    int width = 0;
    for (const QStringList &r : rows)
        width = std::max(width, int(r.size()));
    if (rows.isEmpty() || width == 0)
        return tr("The clipboard holds no values.");
    const quint64 nr = quint64(rows.size()), nc = quint64(width);
    CellRange target{selection.top, selection.left, selection.top + nr - 1, selection.left + nc - 1};
    const bool oneCell = selection.rowCount() == 1 && selection.columnCount() == 1;
    if (!oneCell && (selection.rowCount() != nr || selection.columnCount() != nc))
        return tr("Nothing was pasted: the clipboard holds %1 \u00d7 %2 values but %3 \u00d7 %4 cells are selected. Select one cell "
                  "(the block's top-left corner) or a block of the same size.")
            .arg(nr).arg(nc).arg(selection.rowCount()).arg(selection.columnCount());
    if (target.bottom >= m_model->totalRows() || target.right >= m_model->totalColumns())
        return tr("Nothing was pasted: the %1 \u00d7 %2 block does not fit here; the view ends at row %3, column %4.")
            .arg(nr).arg(nc).arg(m_model->datasetRow(m_model->totalRows() - 1)).arg(m_model->totalColumns() - 1);
    if (nr * nc > MaxPasteCells)
        return tr("Nothing was pasted: %L1 values at once is more than this can check; use Fill Selection for large regions.").arg(nr * nc);
    const quint64 f = quint64(std::max(1, m_model->fieldCount()));
    CellRange elements{target.top, target.left - target.left % f, target.bottom, target.right - target.right % f + f - 1};
    const auto box = boxFor(elements);
    if (!box)
        return tr("This view cannot be edited.");
    const quint64 n = box->elementCount();
    const std::size_t size = m_parser.elementSize();
    std::vector<unsigned char> data(n * size, 0);
    std::vector<char> mask(n * f, 0);
    auto strings = std::make_shared<ParsedStrings>();
    for (quint64 i = 0; i < nr; ++i) {
        const QStringList &cells = rows[int(i)];
        for (quint64 j = 0; j < nc; ++j) {
            const quint64 r = target.top + i, c = target.left + j;
            const QString cell = j < quint64(cells.size()) ? cells[int(j)] : QString();
            QString error;
            if (!canEdit(r, c, &error)) {
                // fall through with the reason
            } else {
                const quint64 e = indexInBox(*box, r, c);
                error = m_parser.parse(fieldOf(c), cell, data.data() + e * size, *strings);
                if (error.isEmpty())
                    mask[e * f + quint64(fieldOf(c))] = 1;
            }
            if (!error.isEmpty())
                return tr("Nothing was pasted. Row %1, column %2 of the block (cell %3): %4")
                    .arg(i + 1).arg(j + 1).arg(m_model->positionText(r, c), error);
        }
    }
    if (std::all_of(mask.begin(), mask.end(), [](char m) { return m != 0; }))
        mask.clear();
    const QString description = nr * nc == 1 ? tr("Set %1%2 to %3").arg(names::toEscaped(datasetPath()), box->text(), describeValue(rows[0].value(0)))
                                             : tr("Paste %L1 values into %2%3").arg(nr * nc).arg(names::toEscaped(datasetPath()), box->text());
    auto op = std::make_shared<SetValuesOperation>(datasetPath(), *box, m_parser.fieldCount(), std::move(data), std::move(mask), strings,
                                                   description);
    QPointer<ValueEditController> self(this);
    EditHistory::instance().perform(m_session, op, [self, description](const Status &s) {
        if (!self)
            return;
        if (s.ok())
            Q_EMIT self->written(description);
        else
            Q_EMIT self->writeFailed(tr("Could not paste"), s.error());
    });
    return {};
}

QString ValueEditController::fill(const CellRange &selection, const QString &text)
{
    if (!m_session || !m_session->isEditable())
        return tr("The file is open read-only. Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E).");
    const quint64 f = quint64(std::max(1, m_model->fieldCount()));
    // The fields the selection covers (in every row the same ones, when it spans whole elements).
    std::vector<char> fieldMask(f, 0);
    const quint64 firstField = selection.left % f;
    const bool wholeElements = selection.columnCount() >= f;
    if (wholeElements && !(selection.left % f == 0 && (selection.right + 1) % f == 0) && f > 1)
        return tr("Select whole elements (every field) or cells of one field to fill.");
    for (quint64 c = selection.left; c <= selection.right && c < selection.left + f; ++c)
        fieldMask[c % f] = 1;
    // A selection within one element column but across fields must stay within that element.
    if (!wholeElements && selection.left / f != selection.right / f)
        return tr("Select whole elements (every field) or cells of one field to fill.");
    int field = -1;
    for (quint64 k = 0; k < f; ++k)
        if (fieldMask[k]) {
            QString why = m_parser.notEditableReason(int(k));
            if (!why.isEmpty())
                return why;
            if (field >= 0 && field != int(k))
                field = -2; // several fields: the text must fit each of them
            else if (field == -1)
                field = int(k);
        }
    (void)firstField;
    const auto box = boxFor(CellRange{selection.top, selection.left - selection.left % f, selection.bottom,
                                      selection.right - selection.right % f + f - 1});
    if (!box)
        return tr("This view cannot be edited.");
    auto strings = std::make_shared<ParsedStrings>();
    std::vector<unsigned char> element(m_parser.elementSize(), 0);
    for (quint64 k = 0; k < f; ++k)
        if (fieldMask[k]) {
            const QString error = m_parser.parse(int(k), text, element.data(), *strings);
            if (!error.isEmpty())
                return error;
        }
    if (std::all_of(fieldMask.begin(), fieldMask.end(), [](char m) { return m != 0; }))
        fieldMask.clear();
    const QString fieldName = field >= 0 && f > 1 ? QLatin1Char(' ') + m_model->reader()->fields()[size_t(field)].name : QString();
    const QString description = tr("Fill %1%2%3 with %4").arg(names::toEscaped(datasetPath()), box->text(), fieldName, describeValue(text.trimmed()));
    auto op = std::make_shared<FillOperation>(datasetPath(), *box, std::move(element), std::move(fieldMask), strings, description);
    QPointer<ValueEditController> self(this);
    EditHistory::instance().perform(m_session, op, [self, description](const Status &s) {
        if (!self)
            return;
        if (s.ok())
            Q_EMIT self->written(description);
        else if (s.error().code != ErrorCode::Cancelled)
            Q_EMIT self->writeFailed(tr("Could not fill the selection"), s.error());
        else
            Q_EMIT self->written(s.error().message);
    });
    return {};
}

} // namespace hs::ui
