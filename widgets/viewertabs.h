#pragma once

#include "services/datasetreader.h"

#include "hyperslab/objectinfo.h"

#include <QWidget>

#include <vector>

class QStackedWidget;
class QTabBar;

namespace hyperslab {
class ViewerInterface;
}

namespace hs::ui {

// The dataset tab's views: "Grid" and one tab per viewer plugin that can show
// the dataset (its score above 0). The object is described on a worker
// (attributes, first bytes); the tab bar appears only when a viewer fits, and
// a viewer that is sure (score >= 50) is shown first. A view is created when
// its tab is first chosen, so nothing is read for views never looked at.
class ViewerTabs : public QWidget
{
    Q_OBJECT
public:
    // Takes `grid` (the panel's grid page) as its first page.
    ViewerTabs(core::DatasetReaderPtr reader, QWidget *grid, QWidget *parent = nullptr);

    QTabBar *tabBar() const { return m_bar; }
    // The view of tab `index` (0 is the grid); null until first shown.
    QWidget *view(int index) const;
    const hyperslab::ObjectInfo &object() const { return m_object; }

Q_SIGNALS:
    // The viewers that fit were found (also when none fit).
    void viewersFound(int count);

private:
    void described(const hyperslab::ObjectInfo &object);
    void showTab(int index);

    core::DatasetReaderPtr m_reader;
    hyperslab::ObjectInfo m_object;
    QTabBar *m_bar;
    QStackedWidget *m_stack;
    struct Entry
    {
        hyperslab::ViewerInterface *viewer = nullptr;
        QWidget *view = nullptr;
    };
    std::vector<Entry> m_entries; // [0] is the grid
};

} // namespace hs::ui
