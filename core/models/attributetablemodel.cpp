#include "models/attributetablemodel.h"

#include "jobs/job.h"
#include "jobs/jobcontext.h"
#include "jobs/jobrunner.h"
#include "jobs/jobticket.h"
#include "session/objectreadscope.h"

#include <optional>

namespace hs::core {

AttributeTableModel::AttributeTableModel(QObject *parent) : QAbstractTableModel(parent) {}

AttributeTableModel::~AttributeTableModel()
{
    delete m_ticket; // cancels a running read; its result is dropped
}

void AttributeTableModel::setObject(const H5FilePtr &file, const QString &objectPath)
{
    // The previous object's rows would be wrong for the new one: clear at once.
    if (!m_rows.empty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    m_file = file;
    m_path = objectPath;
    reload();
}

void AttributeTableModel::setOrder(AttributeOrder order)
{
    if (order == m_order)
        return;
    m_order = order;
    reload();
}

void AttributeTableModel::setFormatOptions(const FormatOptions &options)
{
    if (options == m_format)
        return;
    m_format = options;
    reload();
}

void AttributeTableModel::refresh()
{
    reload();
}

const AttributeInfo *AttributeTableModel::attributeAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr;
}

int AttributeTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int AttributeTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AttributeTableModel::data(const QModelIndex &index, int role) const
{
    const AttributeInfo *a = index.isValid() ? attributeAt(index.row()) : nullptr;
    if (!a)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return a->name;
        case TypeColumn: return a->type.brief.isEmpty() ? a->type.text : a->type.brief;
        case ShapeColumn: return a->shape.text();
        case ValueColumn: return a->problem.isEmpty() ? a->value : a->problem;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn: return a->explanation.isEmpty() ? a->name : a->explanation;
        case TypeColumn: return a->type.text;
        case ShapeColumn: return a->shape.text();
        case ValueColumn: {
            if (!a->problem.isEmpty())
                return a->problem;
            QString tip = a->value;
            if (!a->explanation.isEmpty())
                tip = a->explanation + QStringLiteral("\n\n") + tip;
            if (a->elided)
                tip += tr("\n\n(only the start is shown; open the value to see all of it)");
            return tip;
        }
        }
        return {};
    case ConventionRole: return a->convention;
    case ExplanationRole: return a->explanation;
    case ElidedRole: return a->elided;
    case ReferencesRole: return a->references;
    case CreationOrderRole: return a->creationOrder;
    case ProblemRole: return a->problem;
    case TypeTextRole: return a->type.text;
    default: return {};
    }
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case ShapeColumn: return tr("Shape");
    case ValueColumn: return tr("Value");
    default: return {};
    }
}

void AttributeTableModel::reload()
{
    const quint64 generation = ++m_generation;
    delete m_ticket; // the running read is for something no longer shown
    if (!m_file) {
        m_loading = false;
        if (!m_rows.empty()) {
            beginResetModel();
            m_rows.clear();
            endResetModel();
        }
        return;
    }
    m_loading = true;
    AttributeReader::Options options;
    options.order = m_order;
    options.format = m_format;
    auto job = std::make_unique<FunctionJob>(
        tr("Reading the attributes of %1").arg(m_path), [this, file = m_file, path = m_path, options, generation](JobContext &ctx) {
            std::optional<ObjectReadScope> crumb(std::in_place, file->path(), path);
            auto result = AttributeReader::list(file, path, options);
            crumb.reset();
            // Runs on this model's thread, only while the ticket (a child of this model) lives.
            ctx.post([this, generation, result = std::move(result)] {
                if (generation != m_generation)
                    return; // an older request; a newer one is on its way
                m_loading = false;
                beginResetModel();
                m_rows = result ? result.value() : std::vector<AttributeInfo>();
                endResetModel();
                if (result)
                    Q_EMIT loaded();
                else
                    Q_EMIT failed(result.error());
            });
        });
    m_ticket = JobRunner::instance().start(std::move(job), this);
    connect(m_ticket, &JobTicket::finished, m_ticket, &QObject::deleteLater);
}

} // namespace hs::core
