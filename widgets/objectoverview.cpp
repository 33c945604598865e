#include "objectoverview.h"

#include "treedecorationproxy.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace hs::ui {

using namespace hs::core;

namespace {
QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}
} // namespace

ObjectOverview::ObjectOverview(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(24, 20, 24, 20);
    auto *head = new QHBoxLayout;
    m_icon = new QLabel(this);
    m_icon->setFixedSize(40, 40);
    head->addWidget(m_icon);
    auto *titles = new QVBoxLayout;
    m_title = new QLabel(this);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.5);
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setStyleSheet(QStringLiteral("color: palette(mid);"));
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    head->addLayout(titles, 1);
    outer->addLayout(head);
    outer->addSpacing(12);

    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setHorizontalSpacing(16);
    m_form->setVerticalSpacing(8);
    m_path = valueLabel(this);
    m_kind = valueLabel(this);
    m_link = valueLabel(this);
    m_shape = valueLabel(this);
    m_type = valueLabel(this);
    m_type->setStyleSheet(QStringLiteral("font-family: monospace;"));
    m_members = valueLabel(this);
    m_problem = valueLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #b03a2e;"));
    m_form->addRow(tr("Path:"), m_path);
    m_form->addRow(tr("Kind:"), m_kind);
    m_form->addRow(tr("Link:"), m_link);
    m_form->addRow(tr("Shape:"), m_shape);
    m_form->addRow(tr("Type:"), m_type);
    m_form->addRow(tr("Members:"), m_members);
    m_form->addRow(tr("Problem:"), m_problem);
    outer->addLayout(m_form);
    outer->addStretch(1);
}

void ObjectOverview::setRow(QLabel *label, const QString &text)
{
    label->setText(text);
    m_form->setRowVisible(label, !text.isEmpty());
}

void ObjectOverview::setSummary(const ObjectSummary &s, const QString &fileName)
{
    const bool isRoot = s.path == QLatin1String("/");
    m_icon->setPixmap(TreeDecorationProxy::iconFor(int(s.kind), int(s.link.linkType), false).pixmap(40, 40));
    m_title->setText(isRoot ? fileName : s.link.name);
    m_subtitle->setText(isRoot ? tr("root group of %1").arg(fileName) : fileName);

    QString kind;
    switch (s.kind) {
    case ObjectKind::Group: kind = tr("Group"); break;
    case ObjectKind::Dataset: kind = tr("Dataset"); break;
    case ObjectKind::Datatype: kind = tr("Committed datatype"); break;
    case ObjectKind::Missing: kind = tr("Unresolved link"); break;
    case ObjectKind::Unknown: kind = tr("(reading…)"); break;
    }
    QString link;
    switch (s.link.linkType) {
    case LinkType::Hard: link = isRoot ? QString() : tr("hard link"); break;
    case LinkType::Soft: link = tr("soft link to %1").arg(s.link.target); break;
    case LinkType::External: link = tr("external link to %1 in file %2").arg(s.link.target, s.link.targetFile); break;
    case LinkType::User: link = tr("user-defined link"); break;
    }
    setRow(m_path, s.path);
    setRow(m_kind, kind);
    setRow(m_link, link);
    QString shape;
    if (s.shape) {
        shape = s.shape->text();
        if (s.shape->kind == ShapeInfo::Kind::Simple) {
            QStringList max;
            bool differs = false;
            for (size_t i = 0; i < s.shape->maxDims.size(); ++i) {
                const qint64 m = s.shape->maxDims[i];
                max << (m < 0 ? QStringLiteral("unlimited") : QString::number(m));
                differs |= m != qint64(s.shape->dims[i]);
            }
            if (differs)
                shape += tr("   (can grow to %1)").arg(max.join(QStringLiteral(" \u00d7 ")));
            shape += tr("   \u2014 %L1 elements").arg(s.shape->elementCount());
        }
    }
    setRow(m_shape, shape);
    setRow(m_type, s.type ? s.type->text : QString());
    setRow(m_members, s.kind == ObjectKind::Group && s.memberCountKnown ? QString::number(s.memberCount) : QString());
    setRow(m_problem, s.link.problem);
}

} // namespace hs::ui
