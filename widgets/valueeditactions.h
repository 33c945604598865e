#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;

namespace hs::ui {

class DatasetPanel;
class DatasetTabs;

// Edit ▸ Fill Selection… (and the paste and fill steps the dataset panel's
// shortcuts and menu share). The action follows the current tab: enabled
// when its file is editable, otherwise disabled with a tooltip that says how
// to enable editing.
class ValueEditActions : public QObject
{
    Q_OBJECT
public:
    ValueEditActions(DatasetTabs *tabs, QObject *parent = nullptr);
    // Adds Fill Selection… to `editMenu`.
    void install(QMenu *editMenu);
    QAction *fillAction() const { return m_fill; }

    // Ctrl+V in a grid: the clipboard's tab-separated block, checked whole first.
    static void pasteInto(DatasetPanel *panel);
    // Asks for a value and writes it into every selected cell in the
    // background, with progress and Cancel.
    static void fillSelection(DatasetPanel *panel);

private:
    void update();

    QPointer<DatasetTabs> m_tabs;
    QAction *m_fill;
    QMetaObject::Connection m_panelConnection;
};

} // namespace hs::ui
