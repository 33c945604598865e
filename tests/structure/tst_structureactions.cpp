// The structure edits from the tree (widgets/structureactions.h): each
// dialog, driven as a user would, produces the right operation, which lands
// on disk as one named undo step; read-only files disable the actions; and
// the New Dataset dialog suggests and checks what core will accept.

#include "structuretesting.h"

#include "edithistory.h"
#include "errorpresenter.h"
#include "hierarchyview.h"
#include "newdatasetdialog.h"
#include "structureactions.h"
#include "structuredialog.h"

#include "edit/compressioncatalog.h"
#include "models/hierarchymodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace hs::core;
using namespace hs::ui;
using hs::test::StructureFile;

namespace {

// Runs `fill` on the next modal dialog once it is shown (the action's exec()
// blocks until then), polling the event loop rather than sleeping.
void whenModalShows(std::function<void(QWidget *)> fill)
{
    auto *timer = new QTimer;
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, fill] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        fill(modal);
    });
    timer->start();
}

void clickOk(QWidget *dialog)
{
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    QVERIFY2(ok->isEnabled(), qPrintable(dialog->findChild<QLabel *>(QStringLiteral("problem"))->text()));
    ok->click();
}

void setText(QWidget *dialog, const char *name, const QString &text)
{
    auto *edit = dialog->findChild<QLineEdit *>(QString::fromLatin1(name));
    QVERIFY2(edit, name);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestStructureActions : public QObject
{
    Q_OBJECT

    struct Window
    {
        StructureFile file;
        HierarchyModel model;
        QWidget window;
        HierarchyView *tree = nullptr;
        StructureActions *actions = nullptr;
        QModelIndex fileIndex;

        explicit Window(H5File::Mode mode = H5File::Mode::ReadWrite) : file(mode)
        {
            tree = new HierarchyView(&window);
            tree->setModel(&model);
            actions = new StructureActions(tree, &model, &window);
            actions->errorPresenter()->setDialogsEnabled(false);
            fileIndex = model.addFile(file.file);
        }
        // The row of `path`, listing what is needed to reach it.
        QModelIndex row(const QString &path)
        {
            if (path == QLatin1String("/"))
                return fileIndex;
            model.revealPath(fileIndex, path);
            QModelIndex i;
            QDeadlineTimer deadline(10000);
            while (!(i = model.indexForPath(fileIndex, path)).isValid() && !deadline.hasExpired())
                QTest::qWait(5); // the listing runs in the background
            return i;
        }
        QUndoStack *stack() { return EditHistory::instance().stackFor(file.session.get()); }
        // Triggers `kind` on the row of `path`, lets `fill` answer its dialog,
        // and waits until the edit is on disk.
        bool run(StructureActions::Kind kind, const QString &path, std::function<void(QWidget *)> fill)
        {
            actions->setContext(row(path));
            if (!actions->action(kind)->isEnabled())
                return false;
            QSignalSpy performed(actions, &StructureActions::performed);
            whenModalShows(std::move(fill));
            actions->action(kind)->trigger();
            return performed.wait(10000) && performed.at(0).at(1).toBool();
        }
        bool undo()
        {
            stack()->undo();
            return file.session->waitForWrites();
        }
    };

private Q_SLOTS:
    void newGroup()
    {
        Window w;
        QVERIFY(w.file.ok());
        QVERIFY(w.run(StructureActions::NewGroup, QStringLiteral("/g"), [](QWidget *d) {
            setText(d, "name", QStringLiteral("sub"));
            clickOk(d);
        }));
        QCOMPARE(w.stack()->count(), 1);
        QCOMPARE(w.stack()->text(0), QStringLiteral("Create group /g/sub"));
        QCOMPARE(w.file.links().filter(QStringLiteral("/g/sub hard 0")).size(), 1);
        QVERIFY(w.undo());
        QVERIFY(w.file.links().filter(QStringLiteral("/g/sub")).isEmpty());
    }

    void newGroupOnDatasetGoesToItsGroup()
    {
        Window w;
        QVERIFY(w.run(StructureActions::NewGroup, QStringLiteral("/data/t"), [](QWidget *d) {
            // "" and "a/b" are refused before OK.
            auto *ok = d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled());
            setText(d, "name", QStringLiteral("a/b"));
            QVERIFY(!ok->isEnabled());
            setText(d, "name", QStringLiteral("t")); // /data/t exists: said before anything is written
            QVERIFY(!ok->isEnabled());
            QCOMPARE(d->findChild<QLabel *>(QStringLiteral("problem"))->text(), QStringLiteral("\u201c/data/t\u201d already exists."));
            setText(d, "name", QStringLiteral("more"));
            clickOk(d);
        }));
        QCOMPARE(w.stack()->text(0), QStringLiteral("Create group /data/more"));
    }

    void newDataset()
    {
        Window w;
        QVERIFY(w.run(StructureActions::NewDataset, QStringLiteral("/"), [](QWidget *d) {
            setText(d, "name", QStringLiteral("strings"));
            QVERIFY(d->findChild<QLabel *>(QStringLiteral("problem"))->text().contains(QLatin1String("already exists")));
            setText(d, "name", QStringLiteral("x"));
            setText(d, "shape", QStringLiteral("10 \u00d7 20"));
            setText(d, "maxShape", QStringLiteral("unlimited \u00d7 20"));
            auto *layout = d->findChild<QComboBox *>(QStringLiteral("layout"));
            QCOMPARE(layout->currentData().toInt(), int(DatasetLayout::Chunked)); // switched for the max shape
            auto *compression = d->findChild<QComboBox *>(QStringLiteral("compression"));
            compression->setCurrentIndex(compression->findData(int(H5Z_FILTER_DEFLATE)));
            d->findChild<QSpinBox *>(QStringLiteral("level"))->setValue(6);
            d->findChild<QCheckBox *>(QStringLiteral("shuffle"))->setChecked(true);
            setText(d, "fill", QStringLiteral("-1"));
            clickOk(d);
        }));
        QCOMPARE(w.stack()->text(0), QStringLiteral("Create dataset /x"));
        LibraryLock lock;
        DatasetHandle d(H5Dopen2(fileId(*w.file.file), "/x", H5P_DEFAULT));
        QVERIFY(d.valid());
        PropListHandle dcpl(H5Dget_create_plist(d.get()));
        hsize_t chunk[2] = {};
        QCOMPARE(H5Pget_chunk(dcpl.get(), 2, chunk), 2);
        QCOMPARE(chunk[0], hsize_t(1024)); // unlimited rows: 1024 × 20 × 8 bytes, under 1 MiB
        QCOMPARE(chunk[1], hsize_t(20));
        unsigned flags = 0, cd[4] = {};
        size_t n = 4;
        QCOMPARE(H5Pget_filter_by_id2(dcpl.get(), H5Z_FILTER_DEFLATE, &flags, &n, cd, 0, nullptr, nullptr), 0);
        QCOMPARE(cd[0], 6u);
        double fill = 0;
        QVERIFY(H5Pget_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &fill) >= 0);
        QCOMPARE(fill, -1.0);
    }

    void resizeRenameMoveLinks()
    {
        Window w;
        QVERIFY(w.run(StructureActions::Resize, QStringLiteral("/data/t"), [](QWidget *d) {
            setText(d, "shape", QStringLiteral("4 \u00d7 6"));
            QVERIFY(d->findChild<QLabel *>(QStringLiteral("problem"))->text().contains(QLatin1String("at most 5")));
            setText(d, "shape", QStringLiteral("2 \u00d7 5"));
            clickOk(d);
        }));
        QVERIFY(w.run(StructureActions::Rename, QStringLiteral("/g"), [](QWidget *d) {
            setText(d, "name", QStringLiteral("data"));
            QVERIFY(d->findChild<QLabel *>(QStringLiteral("problem"))->text().contains(QLatin1String("already exists")));
            setText(d, "name", QStringLiteral("h"));
            clickOk(d);
        }));
        QVERIFY(w.run(StructureActions::Move, QStringLiteral("/data/contig"), [](QWidget *d) {
            auto *group = d->findChild<QComboBox *>(QStringLiteral("group"));
            group->setEditText(QStringLiteral("/h"));
            clickOk(d);
        }));
        // (The tree relists groups on membersChanged once the app wires that;
        // "/h" is not a row yet, so the link goes into a group that was listed.)
        QVERIFY(w.run(StructureActions::NewSoftLink, QStringLiteral("/data"), [](QWidget *d) {
            setText(d, "name", QStringLiteral("l"));
            setText(d, "target", QStringLiteral("/data/t"));
            clickOk(d);
        }));
        QVERIFY(w.run(StructureActions::NewExternalLink, QStringLiteral("/"), [](QWidget *d) {
            setText(d, "name", QStringLiteral("e"));
            setText(d, "file", QStringLiteral("other.h5"));
            setText(d, "objectPath", QStringLiteral("/y"));
            clickOk(d);
        }));
        QVERIFY(w.run(StructureActions::EditLinkTarget, QStringLiteral("/soft"), [](QWidget *d) {
            QCOMPARE(d->findChild<QLineEdit *>(QStringLiteral("target"))->text(), QStringLiteral("/data/t"));
            setText(d, "target", QStringLiteral("/alias"));
            clickOk(d);
        }));
        const QStringList expected = {QStringLiteral("Resize /data/t to 2 \u00d7 5"), QStringLiteral("Rename /g to /h"),
                                      QStringLiteral("Move /data/contig to /h/contig"),
                                      QStringLiteral("Create soft link /data/l \u2192 /data/t"),
                                      QStringLiteral("Create external link /e \u2192 other.h5:/y"),
                                      QStringLiteral("Point /soft to /alias")};
        QStringList names;
        for (int i = 0; i < w.stack()->count(); ++i)
            names << w.stack()->text(i);
        QCOMPARE(names, expected);
        const QStringList links = w.file.links();
        QVERIFY(links.contains(QStringLiteral("/e external -> other.h5:/y")));
        QVERIFY(links.contains(QStringLiteral("/soft soft -> /alias")));
        QCOMPARE(links.filter(QStringLiteral("/h/contig hard 1")).size(), 1);
        QCOMPARE(links.filter(QRegularExpression(QStringLiteral("^/data/t hard 1 @\\d+ 2 5$"))).size(), 1);
        // Undo all of it: the file's links are the original ones.
        StructureFile original;
        while (w.stack()->canUndo())
            QVERIFY(w.undo());
        QStringList now = w.file.links(), before = original.links();
        // Addresses differ between the two files only if the structure does.
        QCOMPARE(now, before);
    }

    void deleteConfirmationSaysHardLinksAndNoShrink()
    {
        Window w;
        QString question, informative;
        QVERIFY(w.run(StructureActions::Delete, QStringLiteral("/data/t"), [&question, &informative](QWidget *d) {
            auto *box = qobject_cast<QMessageBox *>(d);
            QVERIFY(box);
            question = box->text();
            informative = box->informativeText();
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QLatin1String("Delete"))
                    b->click();
        }));
        // The question names the object and its file (several files may be open).
        QVERIFY2(question.contains(QLatin1String("/data/t")) && question.contains(QLatin1String("structure.h5")),
                 qPrintable(question));
        QVERIFY2(informative.contains(QLatin1String("lives on")), qPrintable(informative));
        QVERIFY2(informative.contains(QLatin1String("another hard link still names it")), qPrintable(informative));
        QVERIFY(informative.contains(QLatin1String("does not get smaller until it is repacked")));
        QCOMPARE(w.stack()->text(0), QStringLiteral("Delete /data/t"));
        QVERIFY(w.file.links().filter(QStringLiteral("/data/t ")).isEmpty());
        QVERIFY(w.undo());
        QCOMPARE(w.file.links().filter(QStringLiteral("/data/t ")).size(), 1);
    }

    void deleteKeyOnTheTreeDeletesTheCurrentRow()
    {
        Window w;
        w.window.resize(500, 400);
        w.window.show();
        w.window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w.window));
        const QModelIndex g = w.row(QStringLiteral("/g"));
        w.tree->selectSourceIndex(g);
        QCOMPARE(w.tree->currentSourceIndex(), g);
        w.tree->setFocus();
        QSignalSpy performed(w.actions, &StructureActions::performed);
        whenModalShows([](QWidget *d) {
            auto *box = qobject_cast<QMessageBox *>(d);
            QVERIFY(box);
            QVERIFY(box->text().contains(QLatin1String("/g")));
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QLatin1String("Delete"))
                    b->click();
        });
        QTest::keyClick(w.tree, Qt::Key_Delete);
        QVERIFY(performed.wait(10000));
        QCOMPARE(w.stack()->text(0), QStringLiteral("Delete /g"));
    }

    void deleteCancelledChangesNothing()
    {
        Window w;
        w.actions->setContext(w.row(QStringLiteral("/g")));
        whenModalShows([](QWidget *d) { qobject_cast<QMessageBox *>(d)->button(QMessageBox::Cancel)->click(); });
        w.actions->action(StructureActions::Delete)->trigger();
        QCOMPARE(w.stack()->count(), 0);
        QCOMPARE(w.file.session->pendingWrites(), 0);
        QCOMPARE(w.file.links().filter(QStringLiteral("/g ")).size(), 1);
    }

    void readOnlyDisablesWithTip()
    {
        Window w(H5File::Mode::ReadOnly);
        w.actions->setContext(w.row(QStringLiteral("/data")));
        for (int k = 0; k < StructureActions::KindCount; ++k) {
            QAction *a = w.actions->action(StructureActions::Kind(k));
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
            QCOMPARE(a->toolTip(), QStringLiteral("Enable editing with File \u25b8 Enable Editing (Ctrl+Shift+E)"));
        }
        w.file.session->setEditable(true);
        QTRY_VERIFY(w.actions->action(StructureActions::NewGroup)->isEnabled());
        QVERIFY(w.actions->action(StructureActions::Delete)->isEnabled());
        QVERIFY(!w.actions->action(StructureActions::Resize)->isEnabled()); // a group
        QVERIFY(!w.actions->action(StructureActions::EditLinkTarget)->isEnabled());
    }

    void rowsBelowASoftLinkAreNotEdited()
    {
        Window w;
        const QModelIndex soft = w.row(QStringLiteral("/soft"));
        w.actions->setContext(soft);
        QVERIFY(w.actions->action(StructureActions::EditLinkTarget)->isEnabled()); // the link itself
        QVERIFY(w.actions->action(StructureActions::Delete)->isEnabled());
        // A link to a group shows the group's members under the link's path.
        {
            LibraryLock lock;
            QVERIFY(H5Lcreate_soft("/data", fileId(*w.file.file), "/datalink", H5P_DEFAULT, H5P_DEFAULT) >= 0);
        }
        HierarchyModel fresh;
        const QModelIndex file = fresh.addFile(w.file.file);
        fresh.revealPath(file, QStringLiteral("/datalink/contig"));
        QTRY_VERIFY(fresh.indexForPath(file, QStringLiteral("/datalink/contig")).isValid());
        HierarchyView tree;
        tree.setModel(&fresh);
        StructureActions actions(&tree, &fresh, &w.window);
        actions.setContext(fresh.indexForPath(file, QStringLiteral("/datalink/contig")));
        QVERIFY(!actions.action(StructureActions::Delete)->isEnabled());
        QVERIFY(actions.action(StructureActions::Delete)->toolTip().contains(QLatin1String("through a soft or external link")));
        actions.setContext(fresh.indexForPath(file, QStringLiteral("/datalink")));
        QVERIFY(actions.action(StructureActions::Delete)->isEnabled());
    }

    void contextMenuOffersTheActions()
    {
        Window w;
        QMenu menu;
        w.actions->install(&menu);
        QStringList texts;
        for (QAction *a : menu.actions())
            if (!a->isSeparator())
                texts << a->text().remove(QLatin1Char('&'));
        QCOMPARE(texts.size(), int(StructureActions::KindCount));
        QVERIFY(texts.contains(QStringLiteral("New Dataset\u2026")));
        QVERIFY(texts.contains(QStringLiteral("Delete")));
    }

    void datasetDialogSuggestsAndChecks()
    {
        std::vector<CompressionChoice> offered;
        offered.push_back(*compressioncatalog::find(H5Z_FILTER_DEFLATE));
        offered.push_back(*compressioncatalog::find(32000));
        NewDatasetDialog d(QStringLiteral("/g"), offered);
        auto *compression = d.findChild<QComboBox *>(QStringLiteral("compression"));
        QCOMPARE(compression->count(), 3); // None + what was offered, nothing else
        setText(&d, "name", QStringLiteral("m"));
        setText(&d, "shape", QStringLiteral("1000 \u00d7 1000"));
        auto *chunk = d.findChild<QLineEdit *>(QStringLiteral("chunk"));
        auto *layout = d.findChild<QComboBox *>(QStringLiteral("layout"));
        layout->setCurrentIndex(layout->findData(int(DatasetLayout::Chunked)));
        QCOMPARE(chunk->text(), QStringLiteral("250 \u00d7 500"));
        auto *type = d.findChild<QComboBox *>(QStringLiteral("type"));
        type->setCurrentIndex(type->findData(int(ElementType::UInt8)));
        QCOMPARE(chunk->text(), QStringLiteral("1000 \u00d7 1000")); // 1 MB of bytes fits
        // Once the user edits the chunk shape it stays theirs, until Suggest.
        setText(&d, "chunk", QStringLiteral("10 \u00d7 10"));
        setText(&d, "shape", QStringLiteral("2000 \u00d7 1000"));
        QCOMPARE(chunk->text(), QStringLiteral("10 \u00d7 10"));
        d.findChild<QPushButton *>(QStringLiteral("suggestChunk"))->click();
        QCOMPARE(chunk->text(), QStringLiteral("1000 \u00d7 1000"));
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        DatasetSpec s = d.spec();
        QCOMPARE(s.path, QStringLiteral("/g/m"));
        QCOMPARE(s.shape, (std::vector<quint64>{2000, 1000}));
        QCOMPARE(s.chunk, (std::vector<quint64>{1000, 1000}));
        // Bad input: the reason is shown and Create is disabled.
        setText(&d, "fill", QStringLiteral("300"));
        auto *ok = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QVERIFY(d.findChild<QLabel *>(QStringLiteral("problem"))->text().contains(QLatin1String("0 to 255")));
        setText(&d, "fill", QStringLiteral("3"));
        QVERIFY(ok->isEnabled());
        setText(&d, "chunk", QStringLiteral("3000 \u00d7 1"));
        QVERIFY(!ok->isEnabled());
        setText(&d, "shape", QStringLiteral("ten"));
        QVERIFY(d.problem().startsWith(QLatin1String("Shape:")));
        // Compression settings travel into the spec.
        setText(&d, "shape", QStringLiteral("100"));
        d.findChild<QPushButton *>(QStringLiteral("suggestChunk"))->click();
        compression->setCurrentIndex(compression->findData(32000));
        QVERIFY(!d.findChild<QSpinBox *>(QStringLiteral("level"))->isVisibleTo(&d));
        s = d.spec();
        QCOMPARE(s.compression, 32000);
        QCOMPARE(s.chunk, (std::vector<quint64>{100}));
    }
};

QTEST_MAIN(TestStructureActions)
#include "tst_structureactions.moc"
