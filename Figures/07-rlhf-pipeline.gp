# RLHF as this chapter runs it
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 07-rlhf-pipeline.gp
set terminal pngcairo size 1100,420 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '07-rlhf-pipeline.png'
set termoption noenhanced
set title 'RLHF as this chapter runs it' font ',15'
set xlabel ''
set ylabel ''
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
unset border
unset tics
unset grid
unset key
set xrange [0:100]
set yrange [0:40]
set object rect from 1.5,28.0 to 18.5,38.0 fc rgb '#eeeeee' fs solid border lc rgb '#555555'
set label 'chapter 3'."'".'s' at 10.0,34.3 center front
set label 'pretrained model' at 10.0,31.7 center front
set object rect from 22.5,28.0 to 39.5,38.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'SFT policy' at 31.0,34.3 center front
set label '(demonstrations)' at 31.0,31.7 center front
set object rect from 43.5,28.0 to 60.5,38.0 fc rgb '#fde8e8' fs solid border lc rgb '#555555'
set label 'pairs of answers' at 52.0,35.6 center front
set label 'labelled by the' at 52.0,33.0 center front
set label 'hidden human' at 52.0,30.4 center front
set object rect from 64.5,28.0 to 81.5,38.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'reward model' at 73.0,34.3 center front
set label '(Bradley–Terry)' at 73.0,31.7 center front
set object rect from 43.5,13.0 to 60.5,23.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'DPO policy' at 52.0,20.6 center front
set label 'from SFT, KL-tied' at 52.0,18.0 center front
set label 'to it; loss on pairs' at 52.0,15.4 center front
set object rect from 64.5,13.0 to 81.5,23.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'PPO policy' at 73.0,20.6 center front
set label 'from SFT; reward' at 73.0,18.0 center front
set label 'model score − β·KL' at 73.0,15.4 center front
set object rect from 83.5,13.0 to 100.5,23.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'best-of-n' at 92.0,20.6 center front
set label 'SFT'."'".'s answers,' at 92.0,18.0 center front
set label 'reward model picks' at 92.0,15.4 center front
set object rect from 43,1 to 100.5,7 fc rgb '#fde8e8' fs solid border lc rgb '#555555'
set label 'true reward: the hidden human'."'".'s formula scores every policy' at 71.75,4 center front
set arrow from 18.5,33.0 to 22.5,33.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 39.5,33.0 to 43.5,33.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 60.5,33.0 to 64.5,33.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 52.0,28.0 to 52.0,23.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 73.0,28.0 to 73.0,23.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 81.5,29.0 to 88.0,23.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 52.0,13.0 to 52.0,7.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 73.0,13.0 to 73.0,7.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 92.0,13.0 to 92.0,7.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
plot NaN notitle
