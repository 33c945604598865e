#include "imageviewer.h"

#include "imagebytes.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QPointer>
#include <QScrollArea>
#include <QThreadPool>
#include <QVBoxLayout>

namespace {

constexpr quint64 MaxImageBytes = quint64(512) << 20;

// The picture with a line saying what it is; decoding runs on a pool thread.
class ImageView : public QWidget
{
public:
    ImageView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent)
        : QWidget(parent), m_data(std::move(data)), m_info(new QLabel(tr("Reading…"), this)),
          m_picture(new QLabel(this)), m_fit(new QCheckBox(tr("Fit to window"), this))
    {
        setObjectName(QStringLiteral("imageView"));
        m_info->setObjectName(QStringLiteral("imageInfo"));
        m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_picture->setObjectName(QStringLiteral("imagePicture"));
        m_picture->setAlignment(Qt::AlignCenter);
        auto *scroll = new QScrollArea(this);
        scroll->setWidget(m_picture);
        scroll->setWidgetResizable(true);
        scroll->setAlignment(Qt::AlignCenter);
        auto *top = new QHBoxLayout;
        top->addWidget(m_info, 1);
        top->addWidget(m_fit);
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addLayout(top);
        layout->addWidget(scroll, 1);
        connect(m_fit, &QCheckBox::toggled, this, [this] { showImage(); });
        m_data->requestBytes(MaxImageBytes, this, [this](const QByteArray &bytes, const QString &error) {
            if (!error.isEmpty()) {
                m_info->setText(error);
                return;
            }
            m_info->setText(tr("Decoding %1 bytes…").arg(QLocale().toString(bytes.size())));
            QPointer<ImageView> self(this);
            QThreadPool::globalInstance()->start([self, bytes] {
                auto decoded = std::make_shared<hyperslab::imagebytes::Decoded>(hyperslab::imagebytes::decode(bytes));
                const qsizetype size = bytes.size();
                QMetaObject::invokeMethod(QCoreApplication::instance(), [self, decoded, size] {
                    if (self)
                        self->decoded(*decoded, size);
                }, Qt::QueuedConnection);
            });
        });
    }

protected:
    void resizeEvent(QResizeEvent *e) override
    {
        QWidget::resizeEvent(e);
        if (m_fit->isChecked())
            showImage();
    }

private:
    void decoded(const hyperslab::imagebytes::Decoded &d, qsizetype bytes)
    {
        if (d.image.isNull()) {
            m_info->setText(d.error);
            return;
        }
        m_image = d.image;
        m_info->setText(tr("%1 image, %2 × %3 pixels, %4 bytes")
                            .arg(d.format)
                            .arg(d.image.width())
                            .arg(d.image.height())
                            .arg(QLocale().toString(bytes)));
        showImage();
    }
    void showImage()
    {
        if (m_image.isNull())
            return;
        QPixmap pm = QPixmap::fromImage(m_image);
        if (m_fit->isChecked() && (pm.width() > width() - 24 || pm.height() > height() - 48))
            pm = pm.scaled(QSize(width() - 24, height() - 48), Qt::KeepAspectRatio, Qt::SmoothTransformation);
        m_picture->setPixmap(pm);
    }

    std::shared_ptr<hyperslab::ViewerData> m_data;
    QLabel *m_info;
    QLabel *m_picture;
    QCheckBox *m_fit;
    QImage m_image;
};

} // namespace

int ImageViewerPlugin::score(const hyperslab::ObjectInfo &object) const
{
    if (object.kind != QLatin1String("dataset") || object.typeSize != 1
        || (object.typeClass != QLatin1String("integer") && object.typeClass != QLatin1String("opaque")))
        return 0;
    // An image file is the dataset's whole content: its signature comes first.
    return hyperslab::imagebytes::formatOf(object.head).isEmpty() ? 0 : 90;
}

QWidget *ImageViewerPlugin::createView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent)
{
    return new ImageView(std::move(data), parent);
}
