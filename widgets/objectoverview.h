#pragma once

#include "model/objectsummary.h"

#include <QWidget>

class QLabel;
class QFormLayout;

namespace hs::ui {

// The central page for a selected object until a richer view (the data grid,
// inspectors) takes over: what it is, where it lives, its shape and type.
class ObjectOverview : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectOverview(QWidget *parent = nullptr);
    void setSummary(const core::ObjectSummary &summary, const QString &fileName);

private:
    void setRow(QLabel *label, const QString &text);
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_subtitle;
    QFormLayout *m_form;
    QLabel *m_path;
    QLabel *m_kind;
    QLabel *m_link;
    QLabel *m_shape;
    QLabel *m_type;
    QLabel *m_members;
    QLabel *m_problem;
};

} // namespace hs::ui
