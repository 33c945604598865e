#include "models/attributetablemodel.h"

#include "jobs/jobticket.h"

namespace hs::core {
// Placeholder: the issue-4 attributes work replaces this file.
AttributeTableModel::AttributeTableModel(QObject *parent) : QAbstractTableModel(parent) {}
AttributeTableModel::~AttributeTableModel() = default;
void AttributeTableModel::setObject(const H5FilePtr &file, const QString &objectPath) { m_file = file; m_path = objectPath; }
void AttributeTableModel::setOrder(AttributeOrder order) { m_order = order; }
void AttributeTableModel::setFormatOptions(const FormatOptions &options) { m_format = options; }
const AttributeInfo *AttributeTableModel::attributeAt(int row) const { return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr; }
int AttributeTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int AttributeTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }
QVariant AttributeTableModel::data(const QModelIndex &, int) const { return {}; }
QVariant AttributeTableModel::headerData(int, Qt::Orientation, int) const { return {}; }
void AttributeTableModel::reload() {}
} // namespace hs::core
