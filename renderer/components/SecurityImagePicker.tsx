import type { SecurityImageView } from '../../preload/contract.ts';
import { useI18n } from '../i18n/messages.ts';

/**
 * A radio group of pictures, compact (six to a row on a wide card): arrow keys move between them, the
 * description is the accessible name. The legend is the section's heading when the screen gives one.
 */
export function SecurityImagePicker({ images, value, onChange, legend, errorId }: { images: readonly SecurityImageView[]; value: string; onChange: (id: string) => void; legend?: string; errorId?: string | undefined }) {
  const { t } = useI18n();
  return (
    <fieldset className="image-picker" aria-describedby={errorId}>
      <legend>{legend ?? t('createAccount.imageLegend')}</legend>
      <p className="hint">{t('createAccount.imageHint')}</p>
      <div className="image-grid">
        {images.map((image) => (
          <label key={image.id} className={value === image.id ? 'image-choice chosen' : 'image-choice'}>
            <input type="radio" name="security-image" value={image.id} checked={value === image.id} onChange={() => onChange(image.id)} />
            <img src={image.dataUrl} alt="" width={40} height={40} />
            <span>{image.description}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
