#pragma once

#include "models/hierarchymodel.h"

#include <QList>
#include <QPersistentModelIndex>

namespace hs::core {

// Reads the details (shape, type, member count) of the HierarchyModel rows a
// view asks about, in background jobs of up to DetailsPerJob rows, at most two
// at a time. Requests made while the view paints are gathered and sent on the
// next turn of the event loop. Lives in the GUI thread, owned by the model.
class DetailsFetcher
{
public:
    static constexpr int DetailsPerJob = 128;

    explicit DetailsFetcher(HierarchyModel &model) : m_model(model) {}

    // Once per row (groups, datasets and named datatypes below a file row);
    // later calls for the same row do nothing.
    void request(HierarchyModel::Node *node);

private:
    void dispatch();

    HierarchyModel &m_model;
    QList<QPersistentModelIndex> m_pending;
    bool m_scheduled = false;
    int m_inFlight = 0;
};

} // namespace hs::core
