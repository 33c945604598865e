#include "models/datasettablemodel.h"

#include <QStringList>

namespace hs::core {

DatasetTableModel::DatasetTableModel(DatasetReaderPtr reader, QObject *parent)
    : QAbstractTableModel(parent), m_reader(std::move(reader)), m_pager(new TilePager(m_reader, this))
{
    m_fields = std::max<int>(1, int(m_reader->fields().size()));
    connect(m_pager, &TilePager::blockArrived, this, &DatasetTableModel::onBlockArrived);
    connect(m_pager, &TilePager::readFailed, this, &DatasetTableModel::readFailed);
}

void DatasetTableModel::setView(const Selection &selection, bool transposed)
{
    beginResetModel();
    m_pager->setView(selection, transposed);
    m_top = 0;
    m_left = 0;
    rebuildScalePagers();
    endResetModel();
    requestScales();
    m_pager->request(m_top, quint64(windowRows()), m_left / quint64(m_fields),
                     (quint64(windowColumns()) + quint64(m_fields) - 1) / quint64(m_fields) + 1);
    Q_EMIT windowChanged();
}

void DatasetTableModel::setFormatOptions(const FormatOptions &options)
{
    if (options == m_options)
        return;
    m_options = options;
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int DatasetTableModel::windowRows() const
{
    const quint64 total = totalRows();
    if (m_top >= total)
        return 0;
    return int(std::min<quint64>(quint64(m_rowsWanted), total - m_top));
}

int DatasetTableModel::windowColumns() const
{
    const quint64 total = totalColumns();
    if (m_left >= total)
        return 0;
    return int(std::min<quint64>(quint64(m_colsWanted), total - m_left));
}

void DatasetTableModel::setWindow(quint64 topRow, quint64 leftColumn, int rows, int columns)
{
    rows = std::max(rows, 1);
    columns = std::max(columns, 1);
    const quint64 tr = totalRows(), tc = totalColumns();
    topRow = tr == 0 ? 0 : std::min(topRow, tr - 1);
    leftColumn = tc == 0 ? 0 : std::min(leftColumn, tc - 1);
    const bool sizeChanged = rows != m_rowsWanted || columns != m_colsWanted;
    const bool moved = topRow != m_top || leftColumn != m_left;
    if (!sizeChanged && !moved)
        return;
    if (sizeChanged && !moved) {
        // The window grew or shrank (columns widened as values arrived, the
        // view was resized): rows and columns come and go at the end, so an
        // open cell editor survives (a reset would close it).
        const int oldRows = rowCount(), oldCols = columnCount();
        const int newRows = int(std::min<quint64>(quint64(rows), tr > m_top ? tr - m_top : 0));
        const int newCols = int(std::min<quint64>(quint64(columns), tc > m_left ? tc - m_left : 0));
        if (newRows > oldRows) {
            beginInsertRows({}, oldRows, newRows - 1);
            m_rowsWanted = rows;
            endInsertRows();
        } else if (newRows < oldRows) {
            beginRemoveRows({}, newRows, oldRows - 1);
            m_rowsWanted = rows;
            endRemoveRows();
        }
        m_rowsWanted = rows;
        if (newCols > oldCols) {
            beginInsertColumns({}, oldCols, newCols - 1);
            m_colsWanted = columns;
            endInsertColumns();
        } else if (newCols < oldCols) {
            beginRemoveColumns({}, newCols, oldCols - 1);
            m_colsWanted = columns;
            endRemoveColumns();
        }
        m_colsWanted = columns;
    } else if (sizeChanged) {
        // Small (a screenful), so a reset is cheap and keeps views simple.
        beginResetModel();
        m_top = topRow;
        m_left = leftColumn;
        m_rowsWanted = rows;
        m_colsWanted = columns;
        endResetModel();
    } else {
        const int oldRows = rowCount(), oldCols = columnCount();
        m_top = topRow;
        m_left = leftColumn;
        if (rowCount() != oldRows || columnCount() != oldCols) {
            beginResetModel();
            endResetModel();
        } else if (oldRows > 0 && oldCols > 0) {
            Q_EMIT dataChanged(index(0, 0), index(oldRows - 1, oldCols - 1));
            Q_EMIT headerDataChanged(Qt::Vertical, 0, oldRows - 1);
            Q_EMIT headerDataChanged(Qt::Horizontal, 0, oldCols - 1);
        }
    }
    const quint64 f = quint64(m_fields);
    m_pager->request(m_top, quint64(windowRows()), m_left / f, (quint64(windowColumns()) + f - 1) / f + 1);
    requestScales();
    Q_EMIT windowChanged();
}

void DatasetTableModel::setDimensionScales(std::vector<DatasetReaderPtr> scales)
{
    m_scales = std::move(scales);
    rebuildScalePagers();
    requestScales();
    if (rowCount() > 0)
        Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    if (columnCount() > 0)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

void DatasetTableModel::rebuildScalePagers()
{
    delete m_rowScale;
    delete m_colScale;
    m_rowScale = m_colScale = nullptr;
    const Selection &sel = m_pager->selection();
    const int rank = sel.resultRank();
    auto make = [&](int resultDim) -> TilePager * {
        if (resultDim < 0 || resultDim >= rank)
            return nullptr;
        const int ds = sel.datasetDimOf(resultDim);
        if (ds < 0 || size_t(ds) >= m_scales.size() || !m_scales[size_t(ds)])
            return nullptr;
        const DatasetReaderPtr &scale = m_scales[size_t(ds)];
        const ShapeInfo &shape = scale->shape();
        // Only a 1-D scale as long as the dimension labels it.
        if (shape.kind != ShapeInfo::Kind::Simple || shape.dims.size() != 1
            || shape.dims[0] != sel.datasetShape()[size_t(ds)] || scale->fields().size() != 1)
            return nullptr;
        Selection s = Selection::all(shape.dims);
        s.dims()[0] = sel.dims()[size_t(ds)];
        s.dims()[0].dropped = false;
        auto *pager = new TilePager(scale, this);
        pager->setView(s, false);
        connect(pager, &TilePager::blockArrived, this, [this, pager] {
            if (pager == m_rowScale && rowCount() > 0)
                Q_EMIT headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
            if (pager == m_colScale && columnCount() > 0)
                Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        });
        return pager;
    };
    const bool t = m_pager->isTransposed();
    m_rowScale = make(rank == 2 ? (t ? 1 : 0) : 0);
    m_colScale = rank == 2 ? make(t ? 0 : 1) : nullptr;
}

void DatasetTableModel::requestScales()
{
    if (m_rowScale)
        m_rowScale->request(m_top, quint64(std::max(windowRows(), 1)), 0, 1);
    if (m_colScale) {
        const quint64 f = quint64(m_fields);
        m_colScale->request(m_left / f, (quint64(std::max(windowColumns(), 1)) + f - 1) / f + 1, 0, 1);
    }
}

QString DatasetTableModel::scaleLabel(TilePager *pager, quint64 index) const
{
    const DataBlockPtr block = pager->blockAt(index, 0);
    if (!block)
        return QString::number(index);
    return block->cellText(index - block->row0, 0, 0, m_options);
}

void DatasetTableModel::onBlockArrived(quint64 row0, quint64 rows, quint64 col0, quint64 cols)
{
    const quint64 f = quint64(m_fields);
    const quint64 g0 = col0 * f, g1 = (col0 + cols) * f; // grid columns [g0, g1)
    const quint64 wr1 = m_top + quint64(rowCount()), wc1 = m_left + quint64(columnCount());
    const quint64 r0 = std::max(row0, m_top), r1 = std::min(row0 + rows, wr1);
    const quint64 c0 = std::max(g0, m_left), c1 = std::min(g1, wc1);
    if (r0 >= r1 || c0 >= c1)
        return;
    Q_EMIT dataChanged(index(int(r0 - m_top), int(c0 - m_left)), index(int(r1 - 1 - m_top), int(c1 - 1 - m_left)));
}

bool DatasetTableModel::isLoaded(quint64 row, quint64 gridColumn) const
{
    return m_pager->blockAt(row, gridColumn / quint64(m_fields)) != nullptr;
}

QString DatasetTableModel::cellText(quint64 row, quint64 gridColumn, bool full) const
{
    const quint64 f = quint64(m_fields);
    const quint64 col = gridColumn / f;
    const int field = int(gridColumn % f);
    const DataBlockPtr block = m_pager->blockAt(row, col);
    if (!block)
        return m_pager->failedAt(row, col) ? QStringLiteral("\u26a0") : placeholder();
    FormatOptions opts = m_options;
    if (full)
        opts.maxArrayElements = 0;
    return block->cellText(row - block->row0, col - block->col0, field, opts);
}

const DimSlice *DatasetTableModel::rowSlice() const
{
    const Selection &sel = m_pager->selection();
    const int rank = sel.resultRank();
    if (rank < 1 || rank > 2)
        return nullptr;
    const int ds = sel.datasetDimOf(rank == 2 && m_pager->isTransposed() ? 1 : 0);
    return ds < 0 ? nullptr : &sel.dims()[size_t(ds)];
}

const DimSlice *DatasetTableModel::columnSlice() const
{
    const Selection &sel = m_pager->selection();
    if (sel.resultRank() != 2)
        return nullptr;
    const int ds = sel.datasetDimOf(m_pager->isTransposed() ? 0 : 1);
    return ds < 0 ? nullptr : &sel.dims()[size_t(ds)];
}

quint64 DatasetTableModel::datasetRow(quint64 row) const
{
    const DimSlice *s = rowSlice();
    return s ? s->datasetIndex(row) : row;
}

quint64 DatasetTableModel::datasetColumn(quint64 gridColumn) const
{
    const quint64 col = gridColumn / quint64(m_fields);
    const DimSlice *s = columnSlice();
    return s ? s->datasetIndex(col) : col;
}

quint64 DatasetTableModel::rowOfIndex(quint64 index) const
{
    const DimSlice *s = rowSlice();
    return s ? s->positionOf(index) : index;
}

quint64 DatasetTableModel::columnOfIndex(quint64 index) const
{
    const DimSlice *s = columnSlice();
    return s ? s->positionOf(index) : index;
}

QString DatasetTableModel::positionText(quint64 row, quint64 gridColumn) const
{
    const Selection &sel = m_pager->selection();
    const int rank = sel.resultRank();
    const DimSlice *rs = rowSlice(), *cs = columnSlice();
    QStringList coords;
    for (const DimSlice &d : sel.dims()) {
        if (d.dropped || rank > 2)
            coords << QString::number(d.start);
        else if (&d == rs)
            coords << QString::number(d.datasetIndex(row));
        else if (&d == cs)
            coords << QString::number(d.datasetIndex(gridColumn / quint64(m_fields)));
        else
            coords << QString::number(d.start); // a dimension of one element (rank 1 views of N-D data)
    }
    QString text = QStringLiteral("[%1]").arg(coords.join(QStringLiteral(", ")));
    const QString field = m_reader->fields()[size_t(gridColumn % quint64(m_fields))].name;
    if (!field.isEmpty())
        text += QLatin1Char(' ') + field;
    return text;
}

QString DatasetTableModel::columnTitle(quint64 gridColumn) const
{
    const quint64 f = quint64(m_fields);
    const quint64 col = datasetColumn(gridColumn);
    const QString field = m_reader->fields()[size_t(gridColumn % f)].name;
    if (field.isEmpty())
        return QString::number(col);
    // A 1-column (rank 0/1) view of a compound: the field names alone.
    return m_pager->colCount() <= 1 ? field : QStringLiteral("%1\n%2").arg(col).arg(field);
}

void DatasetTableModel::setEditableFields(std::vector<char> fields)
{
    m_editableFields = std::move(fields);
}

bool DatasetTableModel::isEditable(quint64 gridColumn) const
{
    const size_t field = size_t(gridColumn % quint64(m_fields));
    return field < m_editableFields.size() && m_editableFields[field];
}

QString DatasetTableModel::editText(quint64 row, quint64 gridColumn) const
{
    const quint64 col = gridColumn / quint64(m_fields);
    const DataBlockPtr block = m_pager->blockAt(row, col);
    if (!block)
        return {};
    FormatOptions exact;
    exact.maxArrayElements = 0;
    return block->cellText(row - block->row0, col - block->col0, int(gridColumn % quint64(m_fields)), exact);
}

void DatasetTableModel::invalidateRegion(const std::vector<quint64> &start, const std::vector<quint64> &count)
{
    const Selection &sel = m_pager->selection();
    if (start.size() != sel.dims().size() || count.size() != start.size())
        return;
    const DimSlice *rs = rowSlice(), *cs = columnSlice();
    quint64 r0 = 0, r1 = m_pager->rowCount(), c0 = 0, c1 = m_pager->colCount();
    for (size_t d = 0; d < start.size(); ++d) {
        if (count[d] == 0)
            return;
        const DimSlice &s = sel.dims()[d];
        const quint64 a = start[d], b = start[d] + count[d] - 1; // dataset indices, inclusive
        if (&s == rs || &s == cs) {
            // View positions at or before a and b: a superset of what changed.
            const quint64 p0 = s.positionOf(a), p1 = s.positionOf(b);
            (&s == rs ? r0 : c0) = p0;
            (&s == rs ? r1 : c1) = p1 + 1;
        } else if (s.datasetIndex(0) > b || (s.dropped || s.count <= 1 ? s.start < a : false)) {
            return; // the view's fixed index of this dimension is outside the change
        }
    }
    if (r1 > r0 && c1 > c0)
        m_pager->invalidate(r0, r1 - r0, c0, c1 - c0);
}

Qt::ItemFlags DatasetTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && isEditable(m_left + quint64(index.column()))
        && isLoaded(m_top + quint64(index.row()), m_left + quint64(index.column())))
        f |= Qt::ItemIsEditable;
    return f;
}

int DatasetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : windowRows();
}

int DatasetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : windowColumns();
}

QVariant DatasetTableModel::data(const QModelIndex &idx, int role) const
{
    if (!idx.isValid())
        return {};
    const quint64 row = m_top + quint64(idx.row());
    const quint64 col = m_left + quint64(idx.column());
    switch (role) {
    case Qt::DisplayRole: return cellText(row, col);
    case Qt::EditRole: return editText(row, col);
    case Qt::ToolTipRole:
    case FullTextRole: return cellText(row, col, true);
    case LoadedRole: return isLoaded(row, col);
    case FailedRole: return m_pager->failedAt(row, col / quint64(m_fields));
    case AbsoluteRowRole: return row;
    case AbsoluteColumnRole: return col;
    case Qt::TextAlignmentRole: {
        const QString cls = m_reader->fields()[size_t(col % quint64(m_fields))].type.typeClass;
        const bool numeric = cls == QLatin1String("integer") || cls == QLatin1String("float")
                             || cls == QLatin1String("bitfield") || cls == QLatin1String("time");
        return QVariant::fromValue(Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    default: return {};
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Vertical) {
        const quint64 row = m_top + quint64(section);
        if (m_rowScale) {
            const QString label = scaleLabel(m_rowScale, row);
            return role == Qt::ToolTipRole ? QStringLiteral("row %1: %2").arg(datasetRow(row)).arg(label) : label;
        }
        return QString::number(datasetRow(row));
    }
    const quint64 gridColumn = m_left + quint64(section);
    if (m_colScale && m_fields == 1) {
        const quint64 col = gridColumn;
        const QString label = scaleLabel(m_colScale, col);
        return role == Qt::ToolTipRole ? QStringLiteral("column %1: %2").arg(datasetColumn(col)).arg(label) : label;
    }
    return columnTitle(gridColumn);
}

} // namespace hs::core
