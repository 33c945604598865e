#pragma once

#include <QObject>

namespace hs::ui {

// Placeholder: the issue-4 inspector work replaces this file.
class InspectorDocks : public QObject
{
    Q_OBJECT
public:
    explicit InspectorDocks(QObject *parent = nullptr);
};

} // namespace hs::ui
