#include "welcomepage.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace hs::ui {

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/hyperslab.svg")).pixmap(96, 96));
    logo->setAlignment(Qt::AlignHCenter);
    layout->addWidget(logo);
    auto *title = new QLabel(tr("<h2>Hyperslab</h2>"), this);
    title->setAlignment(Qt::AlignHCenter);
    layout->addWidget(title);
    auto *hint = new QLabel(tr("Open an HDF5 file with Ctrl+O, or drop files onto this window."), this);
    hint->setAlignment(Qt::AlignHCenter);
    layout->addWidget(hint);
    auto *open = new QPushButton(tr("Open File…"), this);
    open->setDefault(true);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(open);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addSpacing(16);
    auto *recentTitle = new QLabel(tr("<b>Recent files</b>"), this);
    recentTitle->setAlignment(Qt::AlignHCenter);
    layout->addWidget(recentTitle);
    m_recent = new QListWidget(this);
    m_recent->setMaximumWidth(560);
    m_recent->setMaximumHeight(220);
    m_recent->setFrameShape(QFrame::NoFrame);
    auto *listRow = new QHBoxLayout;
    listRow->addStretch(1);
    listRow->addWidget(m_recent, 4);
    listRow->addStretch(1);
    layout->addLayout(listRow);
    layout->addStretch(2);

    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT recentFileRequested(item->data(Qt::UserRole).toString()); });
}

void WelcomePage::setRecentFiles(const QStringList &files)
{
    m_recent->clear();
    for (const QString &f : files) {
        auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/file.svg")),
                                         QStringLiteral("%1  \u2014  %2").arg(QFileInfo(f).fileName(), QFileInfo(f).absolutePath()));
        item->setData(Qt::UserRole, f);
        item->setToolTip(f);
        m_recent->addItem(item);
    }
    m_recent->setVisible(!files.isEmpty());
}

} // namespace hs::ui
