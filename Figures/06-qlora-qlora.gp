# QLoRA: chapter 5's picture, with the frozen weight stored in 4 bits
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 06-qlora-qlora.gp
set terminal pngcairo size 1000,520 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '06-qlora-qlora.png'
set termoption noenhanced
set title 'QLoRA: chapter 5'."'".'s picture, with the frozen weight stored in 4 bits' font ',15'
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
set yrange [0:52]
set label 'x' at 6.0,30.0 center front
set label '[…, 128]' at 6.0,27.0 center front
set arrow from 9.0,30.0 to 15.0,40.0 nohead lc rgb '#555555' lw 2 front
set arrow from 15.0,40.0 to 34.0,40.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 34.0,31.0 to 56.0,49.0 fc rgb '#eeeeee' fs solid border lc rgb '#555555'
set label 'W in NF4: 4-bit codes' at 45.0,43.9 center front
set label '+ one absmax per block' at 45.0,41.3 center front
set label 'frozen; dequantized' at 45.0,38.7 center front
set label 'tile by tile' at 45.0,36.1 center front
set arrow from 56.0,40.0 to 84.0,40.0 nohead lc rgb '#555555' lw 2 front
set arrow from 84.0,40.0 to 84.0,32.5 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set arrow from 9.0,30.0 to 15.0,16.0 nohead lc rgb '#555555' lw 2 front
set arrow from 15.0,16.0 to 18.0,16.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 18.0,10.0 to 36.0,22.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'A: [8, 128]' at 27.0,18.6 center front
set label 'trainable' at 27.0,16.0 center front
set label 'random start' at 27.0,13.4 center front
set arrow from 36.0,16.0 to 40.0,16.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 40.0,13.0 to 48.0,19.0 fc rgb '#fff4d6' fs solid border lc rgb '#555555'
set label '× α/r' at 44.0,16.0 center front
set label '8 numbers' at 44.0,21.5 center front
set arrow from 48.0,16.0 to 53.0,16.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object rect from 53.0,10.0 to 71.0,22.0 fc rgb '#e8f0fe' fs solid border lc rgb '#555555'
set label 'B: [128, 8]' at 62.0,18.6 center front
set label 'trainable' at 62.0,16.0 center front
set label 'starts at 0' at 62.0,13.4 center front
set arrow from 71.0,16.0 to 84.0,16.0 nohead lc rgb '#555555' lw 2 front
set arrow from 84.0,16.0 to 84.0,27.5 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set object circle at 84.0,30.0 size 2.2 fc rgb '#ffffff' fs solid border lc rgb '#555555' front
set label '+' at 84.0,30.0 center front font ',14'
set arrow from 86.5,30.0 to 93.0,30.0 head filled size 1.2,20 lc rgb '#555555' lw 2 front
set label 'y' at 96.0,30.0 center front
set label '[…, 128]' at 96.0,27.0 center front
set label 'y = x·Wᵀ + α/r · (x·Aᵀ)·Bᵀ  —  acts as the weight W + α/r·B·A' at 50.0,3.0 center front
plot NaN notitle
